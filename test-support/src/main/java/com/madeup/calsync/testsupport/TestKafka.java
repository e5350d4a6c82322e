package com.madeup.calsync.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for tests: send a record and wait for the broker's acknowledgement, read a
 * topic from the beginning with a bounded wait. No consumer group is used, so reading never
 * disturbs the application's own consumers and needs no rebalance.
 */
public final class TestKafka {

    private static final Duration POLL = Duration.ofMillis(100);

    private TestKafka() {}

    /** Sends one String record and waits (at most 10 s) until the broker acknowledged it. */
    public static RecordMetadata send(String bootstrapServers, String topic, String key, String value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                10_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Sending to " + topic + " failed", e);
        }
    }

    /**
     * Reads every partition of {@code topic} from the beginning until at least {@code count}
     * records arrived; fails with an {@link AssertionError} naming what did arrive when {@code
     * atMost} passes first. Returns all records read (possibly more than {@code count}).
     */
    public static List<ConsumerRecord<String, String>> readAtLeast(
            String bootstrapServers, String topic, int count, Duration atMost) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(atMost);
        try (KafkaConsumer<String, String> consumer = consumerFromBeginning(bootstrapServers, topic)) {
            while (records.size() < count) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Expected at least " + count + " records on " + topic + " within " + atMost
                            + " but got " + records.size() + ": " + describe(records));
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads {@code topic} from the beginning up to its end at the time of the call, waiting at most
     * {@code atMost}. Useful to assert that nothing (more) was published.
     */
    public static List<ConsumerRecord<String, String>> readToEnd(
            String bootstrapServers, String topic, Duration atMost) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(atMost);
        try (KafkaConsumer<String, String> consumer = consumerFromBeginning(bootstrapServers, topic)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), atMost);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Could not read " + topic + " to its end " + ends + " within " + atMost);
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * A consumer of String keys and values assigned to every partition of the given topics and
     * positioned at their beginning; it joins no group and commits nothing. The caller closes it.
     */
    public static KafkaConsumer<String, String> consumerFromBeginning(String bootstrapServers, String... topics) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "calsync-test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static String describe(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(record -> record.partition() + "@" + record.offset() + " " + record.key() + "=" + record.value())
                .toList()
                .toString();
    }
}
