package com.madeup.calsync.ingress.notification;

import com.madeup.calsync.ingress.notification.NotificationMetrics.Outcome;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The HTTP answer to one notification whose record is on its way to Kafka, on a servlet {@link
 * AsyncContext}: no thread waits for the acknowledgement. Whichever comes first answers: the
 * acknowledgement (200), a send failure (503) or the container's async timeout, set to the publish
 * timeout (503); the others find the request answered and do nothing. The answer is written by
 * completing the async context directly, so Spring MVC does not dispatch the request a second time.
 */
final class PendingAnswer implements AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(PendingAnswer.class);
    private static final byte[] UNAVAILABLE = "kafka unavailable, retry later".getBytes(StandardCharsets.US_ASCII);

    private final AsyncContext async;
    private final String channelId;
    private final NotificationMetrics metrics;
    private final String retryAfterSeconds;
    private final Duration timeout;
    private final long startedNanos;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile CompletableFuture<?> sending;

    /** Starts waiting: the request stays open after its handler returns, for at most {@code timeout}. */
    PendingAnswer(
            AsyncContext async,
            String channelId,
            NotificationMetrics metrics,
            String retryAfterSeconds,
            Duration timeout) {
        this.async = async;
        this.channelId = channelId;
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
        this.timeout = timeout;
        this.startedNanos = System.nanoTime();
        async.setTimeout(timeout.toMillis());
        async.addListener(this);
    }

    /**
     * Kafka's verdict: null when the record was acknowledged. Runs on the producer's network thread
     * (or on the request thread when the send failed at once), so it only sets the status and hands the
     * response back to the container.
     */
    void kafkaAnswered(Throwable failure) {
        if (!answered.compareAndSet(false, true)) {
            return; // timed out before: the 503 is out, and a late acknowledgement only means a duplicate on retry
        }
        metrics.publishTook(System.nanoTime() - startedNanos);
        if (failure == null) {
            metrics.count(Outcome.PUBLISHED);
            answer(HttpServletResponse.SC_OK);
        } else {
            unavailable(failure);
        }
    }

    /** The send this request waits for: cancelled if the timeout answers first (see {@link #onTimeout}). */
    void waitingFor(CompletableFuture<?> sent) {
        this.sending = sent;
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        if (answered.compareAndSet(false, true)) {
            metrics.publishTook(System.nanoTime() - startedNanos);
            unavailable(new TimeoutException("Kafka did not acknowledge within " + timeout));
            CompletableFuture<?> sent = sending;
            if (sent != null) {
                // Google retries the 503: a record still queued for its burst need not go at all.
                sent.cancel(false);
            }
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        // The connection failed under us; the container ends the request, nothing is left to answer.
        if (answered.compareAndSet(false, true)) {
            log.info("Push notification of channel {} lost its connection before Kafka answered", channelId);
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void unavailable(Throwable failure) {
        metrics.count(Outcome.KAFKA_UNAVAILABLE);
        log.warn(
                "Could not publish a push notification of channel {} to Kafka; answered 503: {}",
                channelId,
                failure.toString());
        answer(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    private void answer(int status) {
        try {
            var response = (HttpServletResponse) async.getResponse();
            response.setStatus(status);
            if (status == HttpServletResponse.SC_OK) {
                response.setContentLength(0);
            } else {
                response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                response.setContentLength(UNAVAILABLE.length);
                response.getOutputStream().write(UNAVAILABLE);
            }
        } catch (IOException | RuntimeException e) {
            // The client is gone (or the container ended the request): nobody is left to tell.
            log.info("Could not answer the push notification of channel {}: {}", channelId, e.toString());
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException alreadyEnded) {
                // the container completed the request itself (connection error)
            }
        }
    }
}
