package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.CalendarChangeNotified;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The Kafka entry points (consumer group {@code calsync-sync-worker}, from {@code
 * spring.kafka.consumer.group-id}). One record at a time on the partition's thread, so one
 * connection's messages are handled in order. An exception is retried with back-off by the
 * messaging module's error handler, then dead-lettered; a {@code PoisonMessageException} goes to the
 * dead-letter topic at once.
 */
class SyncListeners {

    private static final Logger log = LoggerFactory.getLogger(SyncListeners.class);

    private final SyncCoordinator coordinator;

    SyncListeners(SyncCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @KafkaListener(id = "sync-worker-sync-requested", idIsGroup = false, topics = Topics.SYNC_REQUESTED)
    void on(SyncRequested request) {
        try {
            coordinator.onSyncRequested(request);
        } catch (RuntimeException e) {
            logFailure(request.meta().messageId(), request.meta().connectionId(), e);
            throw e;
        }
    }

    @KafkaListener(id = "sync-worker-change-notified", idIsGroup = false, topics = Topics.CALENDAR_CHANGE_NOTIFIED)
    void on(CalendarChangeNotified notification) {
        try {
            coordinator.onNotified(notification);
        } catch (RuntimeException e) {
            logFailure(notification.meta().messageId(), notification.meta().connectionId(), e);
            throw e;
        }
    }

    // The error handler logs only the final dead-lettering; each failed attempt is worth a line.
    private static void logFailure(Object messageId, Object connectionId, RuntimeException e) {
        log.warn(
                "Message {} of connection {} failed (retried, then dead-lettered): {}",
                messageId,
                connectionId,
                e.toString());
    }
}
