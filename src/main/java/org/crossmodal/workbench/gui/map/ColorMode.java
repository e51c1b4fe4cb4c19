package org.crossmodal.workbench.gui.map;

/** What the colour of a point says. */
public enum ColorMode {
    MODALITY("Colour: modality"),
    LABEL("Colour: label"),
    SPEAKER("Colour: speaker"),
    TRUE_MATCH("Colour: NN = true match");

    private final String title;

    ColorMode(String title) {
        this.title = title;
    }

    @Override
    public String toString() {
        return title;
    }
}
