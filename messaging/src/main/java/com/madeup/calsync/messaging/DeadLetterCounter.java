package com.madeup.calsync.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/** Logs and counts each record before handing it to the dead-letter publisher. */
final class DeadLetterCounter implements ConsumerRecordRecoverer {

    static final String METER = "calsync.messages.dead.lettered";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterCounter.class);

    private final ConsumerRecordRecoverer deadLetterPublisher;
    private final MeterRegistry meterRegistry;

    DeadLetterCounter(ConsumerRecordRecoverer deadLetterPublisher, MeterRegistry meterRegistry) {
        this.deadLetterPublisher = deadLetterPublisher;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        // Log ids and the reason only: payloads may hold personal data.
        log.error(
                "dead-lettering {}-{}@{} key={}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                rootMessage(exception),
                exception);
        deadLetterPublisher.accept(record, exception);
        if (meterRegistry != null) {
            counter(meterRegistry, record.topic()).increment();
        }
    }

    /** The counter of records of {@code topic} (the topic they were consumed from) sent to its DLT. */
    static Counter counter(MeterRegistry meterRegistry, String topic) {
        return Counter.builder(METER)
                .description("Records sent to a dead-letter topic, by the topic they were consumed from")
                .tag("topic", topic)
                .register(meterRegistry);
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
