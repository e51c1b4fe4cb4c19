package org.crossmodal.workbench.encoder;

/** A text encoder takes words or phrases. */
public interface TextEncoder extends Encoder<String> {
}
