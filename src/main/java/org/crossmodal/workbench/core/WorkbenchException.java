package org.crossmodal.workbench.core;

/**
 * An error the user can act on. The message names the file, what was wrong, and what to do;
 * the CLI prints it as one line and the GUI shows it in a dialog.
 */
public class WorkbenchException extends RuntimeException {
    public WorkbenchException(String message) {
        super(message);
    }

    public WorkbenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
