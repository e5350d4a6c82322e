package com.madeup.calsync.messaging;

/** The broker did not acknowledge a record in time, or refused it. Nothing may be assumed sent. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
