package com.madeup.calsync.ingress;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for Kafka's acknowledgement before an HTTP answer. */
public final class Publishing {

    private Publishing() {}

    /**
     * Waits at most {@code timeout} for {@code sent}; null when the broker acknowledged, else what
     * went wrong (refused, timed out, interrupted). A timed-out send is cancelled as far as the
     * future goes; the record may still arrive later, which only means a duplicate on the caller's retry.
     */
    public static Throwable await(CompletableFuture<?> sent, Duration timeout) {
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (TimeoutException e) {
            sent.cancel(false);
            return new TimeoutException("Kafka did not acknowledge within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
