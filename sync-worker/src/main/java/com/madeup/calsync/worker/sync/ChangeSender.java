package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.Topics;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends {@link CalendarEventChanged} messages to {@link Topics#CALENDAR_EVENT_CHANGED}, keyed by
 * connection id, as {@code ContractPublisher} does, but written by {@link ChangeMessageJson}
 * instead of data binding (one message per synced event makes the JSON writing a hot path).
 */
public final class ChangeSender {

    private final KafkaTemplate<Object, Object> template;
    private final ChangeMessageJson json = new ChangeMessageJson();

    /** {@code template} must serialise String keys and byte[] values (the messaging module's setup). */
    public ChangeSender(KafkaTemplate<Object, Object> template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    /** Sends without waiting; the future completes when the broker acknowledged (acks=all). */
    CompletableFuture<?> send(CalendarEventChanged change) {
        byte[] value = json.write(change);
        try {
            return template.send(new ProducerRecord<>(
                    Topics.CALENDAR_EVENT_CHANGED, change.meta().connectionId().toString(), value));
        } catch (KafkaException e) {
            // The producer throws at once when it cannot even fetch metadata (max.block.ms).
            return CompletableFuture.failedFuture(e);
        }
    }
}
