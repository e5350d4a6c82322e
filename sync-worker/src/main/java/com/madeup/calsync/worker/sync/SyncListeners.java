package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.CalendarChangeNotified;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The Kafka entry points (consumer group {@code calsync-sync-worker}, from {@code
 * spring.kafka.consumer.group-id}). One record at a time on the partition's thread, so one
 * connection's messages are handled in order. An exception is retried with back-off by the
 * messaging module's error handler, then dead-lettered; a {@code PoisonMessageException} goes to the
 * dead-letter topic at once.
 */
class SyncListeners {

    private final SyncCoordinator coordinator;

    SyncListeners(SyncCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @KafkaListener(id = "sync-worker-sync-requested", topics = Topics.SYNC_REQUESTED)
    void on(SyncRequested request) {
        coordinator.onSyncRequested(request);
    }

    @KafkaListener(id = "sync-worker-change-notified", topics = Topics.CALENDAR_CHANGE_NOTIFIED)
    void on(CalendarChangeNotified notification) {
        coordinator.onNotified(notification);
    }
}
