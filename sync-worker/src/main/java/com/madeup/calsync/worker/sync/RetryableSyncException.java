package com.madeup.calsync.worker.sync;

/**
 * A sync failed for a reason that may pass (provider 5xx, rate limit, no broker ack): thrown so the
 * Kafka error handler re-runs the pass with back-off, then dead-letters the message.
 */
public class RetryableSyncException extends RuntimeException {

    public RetryableSyncException(String message) {
        super(message);
    }

    public RetryableSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
