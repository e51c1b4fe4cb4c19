package org.crossmodal.workbench.align;

/** The identity has no settings; the record exists so every method has one options type. */
public record IdentityOptions() { }
