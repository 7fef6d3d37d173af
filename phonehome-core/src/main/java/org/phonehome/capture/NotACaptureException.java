package org.phonehome.capture;

import java.io.IOException;

/** The input is not a capture phonehome can read (wrong magic number): a user error, not damage. */
public class NotACaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one sentence naming what was found and what was expected */
    public NotACaptureException(String message) {
        super(message);
    }
}
