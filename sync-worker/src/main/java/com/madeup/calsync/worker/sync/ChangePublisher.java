package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ChangeKind;
import com.madeup.calsync.model.ChangeSource;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.MessageMeta;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes one pass's {@link CalendarEventChanged} messages without waiting per message, and waits
 * for all acknowledgements before the pass may commit its sync token. One instance per pass.
 */
final class ChangePublisher {

    // Bounds the futures held during a large full sync; waiting every few thousand costs one round trip.
    private static final int MAX_PENDING = 5_000;

    private final ChangeSender sender;
    private final Clock clock;
    private final Supplier<UUID> messageIds;
    private final Duration ackTimeout;
    private final ConnectionId connectionId;
    private final CalendarId calendarId;
    private final List<CompletableFuture<?>> pending = new ArrayList<>();

    ChangePublisher(
            ChangeSender sender,
            Clock clock,
            Supplier<UUID> messageIds,
            Duration ackTimeout,
            ConnectionId connectionId,
            CalendarId calendarId) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = clock;
        this.messageIds = messageIds;
        this.ackTimeout = ackTimeout;
        this.connectionId = connectionId;
        this.calendarId = calendarId;
    }

    void upserted(String providerEventId, EventState state) {
        send(new CalendarEventChanged(
                meta(),
                calendarId,
                new EventId(providerEventId),
                ChangeKind.UPSERTED,
                state,
                ChangeSource.PROVIDER,
                null));
    }

    void deleted(String providerEventId) {
        send(new CalendarEventChanged(
                meta(),
                calendarId,
                new EventId(providerEventId),
                ChangeKind.DELETED,
                null,
                ChangeSource.PROVIDER,
                null));
    }

    /** Waits for every acknowledgement; throws {@link RetryableSyncException} when one failed or timed out. */
    void awaitAcks() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            pending.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableSyncException("interrupted while waiting for change acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RetryableSyncException(
                    "changes of calendar " + calendarId + " (connection " + connectionId + ") not acknowledged", e);
        }
    }

    private void send(CalendarEventChanged change) {
        pending.add(sender.send(change));
        if (pending.size() >= MAX_PENDING) {
            awaitAcks();
        }
    }

    private MessageMeta meta() {
        return MessageMeta.create(
                CalendarEventChanged.TYPE, CalendarEventChanged.VERSION, connectionId, clock, messageIds);
    }
}
