package com.madeup.calsync.messaging;

/**
 * Thrown by a listener for a message that can never be handled (it is well-formed JSON but makes no
 * sense, say). The error handler sends it to the dead-letter topic at once instead of retrying.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
