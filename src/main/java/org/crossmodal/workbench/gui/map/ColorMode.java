package org.crossmodal.workbench.gui.map;

/** What the colour of a point says. */
public enum ColorMode {
    MODALITY("Modality"),
    LABEL("Label"),
    SPEAKER("Speaker"),
    TRUE_MATCH("Nearest neighbour is true match");

    private final String title;

    ColorMode(String title) {
        this.title = title;
    }

    @Override
    public String toString() {
        return title;
    }
}
