package com.madeup.calsync.dashboard.connect;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.SyncMode;
import com.madeup.calsync.model.SyncReason;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The only class that sends to {@link Topics#SYNC_REQUESTED}; key = connection id. */
@Component
public class SyncRequestPublisher {

    private final ContractPublisher publisher;
    private final Clock clock;

    SyncRequestPublisher(ContractPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes and waits for the broker, so the page only says "syncing" once Kafka has it. */
    public void request(UUID connectionId, String providerCalendarId, SyncReason reason, SyncMode mode) {
        ConnectionId connection = new ConnectionId(connectionId);
        SyncRequested message = new SyncRequested(
                MessageMeta.create(SyncRequested.TYPE, SyncRequested.VERSION, connection, clock, UUID::randomUUID),
                providerCalendarId == null ? null : new CalendarId(providerCalendarId),
                reason,
                mode);
        publisher.publishAndWait(Topics.SYNC_REQUESTED, connection.toString(), message);
    }
}
