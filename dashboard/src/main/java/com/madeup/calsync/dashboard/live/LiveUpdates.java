package com.madeup.calsync.dashboard.live;

import com.madeup.calsync.model.CalendarEventChanged;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Open server-sent-event streams by connection id. A change is pushed to every stream of the users
 * whose connection it belongs to; a failed stream is dropped.
 */
public final class LiveUpdates {

    private final Map<UUID, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Duration timeout;

    public LiveUpdates(Duration timeout) {
        this.timeout = timeout;
    }

    /** A new stream receiving the changes of these connections. */
    public SseEmitter open(Set<UUID> connectionIds) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        connectionIds.forEach(id ->
                streams.computeIfAbsent(id, key -> new CopyOnWriteArraySet<>()).add(emitter));
        Runnable remove = () -> connectionIds.forEach(id -> {
            Set<SseEmitter> set = streams.get(id);
            if (set != null) {
                set.remove(emitter);
            }
        });
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        try {
            // Tells the page the stream is live (and flushes the headers at once).
            emitter.send(SseEmitter.event().name("ready").data("ready"));
        } catch (IOException e) {
            emitter.completeWithError(e);
        }
        return emitter;
    }

    /** Whether a page has a stream open for this connection. */
    public boolean watched(UUID connectionId) {
        Set<SseEmitter> set = streams.get(connectionId);
        return set != null && !set.isEmpty();
    }

    /** Pushes a change to the streams of its connection; returns how many received it. */
    public int publish(CalendarEventChanged change) {
        Set<SseEmitter> targets =
                streams.getOrDefault(change.meta().connectionId().value(), Set.of());
        LiveChange payload = LiveChange.of(change);
        int delivered = 0;
        for (SseEmitter emitter : targets) {
            try {
                emitter.send(
                        SseEmitter.event().name("calendar-event-changed").data(payload, MediaType.APPLICATION_JSON));
                delivered++;
            } catch (IOException | IllegalStateException e) {
                targets.remove(emitter);
            }
        }
        return delivered;
    }

    /**
     * Ends every open stream, for shutdown: the pages' EventSource reconnects (to another instance, or
     * to this one once restarted) instead of losing its connection mid-stream. A stream whose page is
     * already gone cannot be ended this way (Tomcat never runs the completion on a dead connection):
     * graceful shutdown waits for it until {@code spring.lifecycle.timeout-per-shutdown-phase}.
     */
    public void closeAll() {
        streams.values().forEach(set -> set.forEach(SseEmitter::complete));
        streams.clear();
    }

    /** Sends a comment line to every open stream so idle proxies keep it open; drops dead streams. */
    public void heartbeat() {
        streams.values()
                .forEach(set -> set.forEach(emitter -> {
                    try {
                        emitter.send(SseEmitter.event().comment("keep-alive"));
                    } catch (IOException | IllegalStateException e) {
                        set.remove(emitter);
                    }
                }));
    }

    /** What the page receives: no description, only what it needs to say what changed. */
    public record LiveChange(String calendarId, String eventId, String change, String summary) {
        static LiveChange of(CalendarEventChanged change) {
            return new LiveChange(
                    change.calendarId().value(),
                    change.eventId().value(),
                    change.change().wire(),
                    change.event() == null ? null : change.event().summary());
        }
    }
}
