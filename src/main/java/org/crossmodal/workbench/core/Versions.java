package org.crossmodal.workbench.core;

/** Version strings recorded in provenance. */
public final class Versions {
    private Versions() { }

    public static String workbench() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
