package com.madeup.calsync.testsupport;

import com.madeup.calsync.model.Topics;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A real Kafka broker in the test JVM (spring-kafka-test's embedded KRaft broker, on an ephemeral
 * port) with every calsync topic of {@link Topics#ALL} created up front, {@value #PARTITIONS}
 * partitions each, dead-letter topics included. Its address is published as {@code
 * spring.kafka.bootstrap-servers} (Spring tests) and the {@code EmbeddedKafkaBroker} is injectable
 * into test methods of plain JUnit tests.
 *
 * <p>{@code @EmbeddedKafka} is found by Spring's merged-annotation lookup (both its context
 * customizer and its JUnit condition), so it works as a meta-annotation. The topic list must be
 * written out because annotation values cannot come from a {@code List};
 * {@code CalsyncEmbeddedKafkaTest} fails when it drifts from {@link Topics#ALL}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@EmbeddedKafka(
        partitions = CalsyncEmbeddedKafka.PARTITIONS,
        topics = {
            Topics.CALENDAR_CHANGE_NOTIFIED,
            Topics.SYNC_REQUESTED,
            Topics.EVENT_COMMAND,
            Topics.EVENT_COMMAND_RESULT,
            Topics.CALENDAR_EVENT_CHANGED,
            Topics.CALENDAR_CHANGE_NOTIFIED_DLT,
            Topics.SYNC_REQUESTED_DLT,
            Topics.EVENT_COMMAND_DLT,
            Topics.EVENT_COMMAND_RESULT_DLT,
            Topics.CALENDAR_EVENT_CHANGED_DLT
        },
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface CalsyncEmbeddedKafka {

    /** Partitions of every topic; a dead-letter topic needs as many as its source topic. */
    int PARTITIONS = 3;
}
