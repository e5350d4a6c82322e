package com.madeup.calsync.provider.http;

import java.time.Duration;

/**
 * Told once about every finished HTTP call of the {@link HttpTransport} (each attempt of a retried
 * call counts on its own), for metrics. Called on the caller's thread after the body was read; it
 * must be quick and must not throw.
 */
@FunctionalInterface
public interface CallObserver {

    /** Observes nothing: the default. */
    CallObserver NONE = (operation, failure, duration) -> {};

    /**
     * @param operation what was called, e.g. {@code calendar.events.list} or {@code oauth2.token.refresh}
     * @param failure the error kind, or null when the call succeeded
     * @param duration from sending the request to the end of reading the answer
     */
    void callFinished(String operation, ErrorKind failure, Duration duration);
}
