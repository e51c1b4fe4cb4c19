package org.crossmodal.workbench.projection;

/**
 * Whether Smile's native linear algebra (LAPACK through OpenBLAS, ARPACK) can be loaded. Smile binds them in
 * static initialisers that throw when the system library is missing; the probe runs that initialiser once, inside a
 * try, so callers get a reason instead of an {@code ExceptionInInitializerError}.
 */
final class Natives {
    private Natives() { }

    private static volatile String lapackProblem;
    private static volatile String arpackProblem;
    private static volatile boolean probedLapack, probedArpack;

    /** Null when LAPACK loads, else why not. */
    static synchronized String lapackProblem() {
        if (!probedLapack) {
            lapackProblem = probe("smile.linalg.lapack.clapack_h", "liblapack/libopenblas");
            probedLapack = true;
        }
        return lapackProblem;
    }

    /** Null when ARPACK loads, else why not. */
    static synchronized String arpackProblem() {
        if (!probedArpack) {
            arpackProblem = probe("smile.linalg.arpack.arpack_h", "libarpack");
            probedArpack = true;
        }
        return arpackProblem;
    }

    private static String probe(String cls, String lib) {
        try {
            Class.forName(cls, true, Natives.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException e) {
            return "Smile's " + lib + " binding (" + cls + ") is not on the class path";
        } catch (LinkageError | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            return "the native library " + lib + " could not be loaded (" + root.getMessage() + ")";
        }
    }
}
