package com.madeup.calsync.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/** Logs and counts each record before handing it to the dead-letter publisher. */
final class DeadLetterCounter implements ConsumerRecordRecoverer {

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
            Counter.builder("calsync.messages.dead.lettered")
                    .description("Records sent to a dead-letter topic")
                    .tag("topic", record.topic())
                    .register(meterRegistry)
                    .increment();
        }
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
