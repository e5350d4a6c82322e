package com.madeup.calsync.ingress.notification;

import com.madeup.calsync.ingress.KafkaSender;
import com.madeup.calsync.ingress.config.IngressProperties;
import com.madeup.calsync.ingress.notification.ChannelVerifier.Verification;
import com.madeup.calsync.ingress.notification.NotificationHeaders.MalformedNotificationException;
import com.madeup.calsync.ingress.notification.NotificationMetrics.Outcome;
import com.madeup.calsync.model.CalendarChangeNotified;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResourceState;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.WatchedResource;
import com.madeup.calsync.store.channel.CalendarSubscription;
import com.madeup.calsync.store.channel.ResourceKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Google's push notifications: verify the channel and its token, publish a {@link
 * CalendarChangeNotified} keyed by the connection id, and answer 200 only once Kafka acknowledged it
 * (acks=all). When Kafka fails or is slow, or PostgreSQL (where the channels are) cannot be reached
 * for a channel not in the cache, the answer is 503 with {@code Retry-After}, which Google retries:
 * never a 2xx for a notification that was not stored.
 *
 * <p>No thread waits for the acknowledgement: the handler starts a servlet {@link
 * jakarta.servlet.AsyncContext} and returns; the producer's callback answers and completes it
 * ({@link PendingAnswer}), and the container's async timeout answers 503 if Kafka stays silent. A
 * Spring MVC async return value ({@code CompletableFuture}, {@code DeferredResult}) would dispatch
 * every request a second time through the filter chain and the {@code DispatcherServlet}, which cost
 * a third of the request threads' CPU in the profile (docs/benchmarks.md).
 */
@RestController
final class NotificationController {

    static final String PATH = "/api/calendar/notifications/create";
    /** Larger bodies get 413 instead of 400; both are refused. */
    static final long LARGE_BODY = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(NotificationController.class);
    private static final String REJECTED = "unknown channel or wrong token";
    private static final String STORE_UNAVAILABLE = "channel store unavailable, retry later";

    private final ChannelVerifier verifier;
    private final KafkaSender sender;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final Duration publishTimeout;
    private final String retryAfterSeconds;

    NotificationController(
            ChannelVerifier verifier,
            KafkaSender sender,
            NotificationMetrics metrics,
            Clock clock,
            IngressProperties properties) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publishTimeout = properties.publishTimeout();
        this.retryAfterSeconds =
                Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    @PostMapping(PATH)
    ResponseEntity<String> receive(HttpServletRequest request, HttpServletResponse response) {
        ResponseEntity<String> bodyProblem = refuseBody(request);
        if (bodyProblem != null) {
            return bodyProblem;
        }
        NotificationHeaders headers;
        try {
            headers = NotificationHeaders.read(request::getHeader);
        } catch (MalformedNotificationException e) {
            metrics.count(Outcome.REJECTED_MALFORMED);
            log.info("Rejected a malformed push notification: {}", e.getMessage());
            return text(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Verification verification;
        try {
            verification = verifier.verify(headers.channelId(), headers.token());
        } catch (DataAccessException e) {
            // PostgreSQL holds the channels: unreachable, nothing can be verified, so Google should retry.
            metrics.count(Outcome.STORE_UNAVAILABLE);
            log.warn(
                    "Could not verify a push notification of channel {}: the channel store is unavailable;"
                            + " answered 503: {}",
                    headers.channelId(),
                    e.getMostSpecificCause().toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(STORE_UNAVAILABLE);
        }
        return switch (verification.result()) {
            case UNKNOWN_CHANNEL -> {
                metrics.count(Outcome.REJECTED_UNKNOWN_CHANNEL);
                log.warn("Rejected a push notification for unknown or stopped channel {}", headers.channelId());
                yield text(HttpStatus.NOT_FOUND, REJECTED);
            }
            case WRONG_TOKEN -> {
                metrics.count(Outcome.REJECTED_TOKEN);
                log.warn("Rejected a push notification for channel {}: wrong or missing token", headers.channelId());
                yield text(HttpStatus.FORBIDDEN, REJECTED);
            }
            case VERIFIED -> accept(request, response, headers, verification.subscription());
        };
    }

    /**
     * Publishes and answers once Kafka has: returns null, meaning the request went asynchronous and
     * {@link PendingAnswer} answers it; a {@code sync} message is answered at once.
     */
    private ResponseEntity<String> accept(
            HttpServletRequest request,
            HttpServletResponse response,
            NotificationHeaders headers,
            CalendarSubscription subscription) {
        if (headers.state() == ResourceState.SYNC) {
            // The worker ran a full sync right before it opened the channel: nothing to do yet.
            metrics.count(Outcome.SYNC);
            return ResponseEntity.ok().build();
        }
        CalendarChangeNotified notification = notification(headers, subscription);
        // Started before sending: a send that fails at once answers through the same path.
        var answer = new PendingAnswer(
                request.startAsync(request, response), headers.channelId(), metrics, retryAfterSeconds, publishTimeout);
        CompletableFuture<?> sent;
        try {
            sent = sender.send(
                    Topics.CALENDAR_CHANGE_NOTIFIED,
                    notification.meta().connectionId().toString(),
                    notification);
        } catch (RuntimeException e) {
            answer.kafkaAnswered(e); // the request is asynchronous by now: answer it here, not by an exception
            return null;
        }
        answer.waitingFor(sent);
        sent.whenComplete((acknowledged, failure) -> answer.kafkaAnswered(failure));
        return null;
    }

    private CalendarChangeNotified notification(NotificationHeaders headers, CalendarSubscription subscription) {
        boolean calendarList = subscription.resourceKind() == ResourceKind.CALENDAR_LIST;
        if (!calendarList && subscription.providerCalendarIds().isEmpty()) {
            throw new IllegalStateException("Events channel " + subscription.channelId() + " watches no calendar");
        }
        return new CalendarChangeNotified(
                MessageMeta.create(
                        CalendarChangeNotified.TYPE,
                        CalendarChangeNotified.VERSION,
                        new ConnectionId(subscription.connectionId()),
                        clock,
                        NotificationController::messageId),
                calendarList ? WatchedResource.CALENDAR_LIST : WatchedResource.EVENTS,
                calendarList
                        ? null
                        : new CalendarId(subscription.providerCalendarIds().getFirst()),
                headers.channelId(),
                headers.resourceId(),
                headers.state(),
                headers.messageNumber(),
                headers.channelExpiration());
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: message ids must be unique, not
     * unguessable, and {@code UUID.randomUUID()} goes through a shared {@code SecureRandom}.
     */
    static UUID messageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** Notifications have no body; one here means this is not Google talking. */
    private ResponseEntity<String> refuseBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        String transferEncoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        boolean chunked = transferEncoding != null && !transferEncoding.isBlank();
        if (length <= 0 && !chunked) {
            return null;
        }
        metrics.count(Outcome.REJECTED_MALFORMED);
        log.info("Rejected a push notification with a body ({} bytes)", chunked ? "chunked" : length);
        return length > LARGE_BODY
                ? text(HttpStatus.CONTENT_TOO_LARGE, "notifications carry no body")
                : text(HttpStatus.BAD_REQUEST, "notifications carry no body");
    }

    private static ResponseEntity<String> text(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
