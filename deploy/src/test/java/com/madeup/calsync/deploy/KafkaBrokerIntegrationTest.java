package com.madeup.calsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker child process exactly as the launcher runs it (jars from target/lib, generated
 * configuration), twice on one data folder.
 */
class KafkaBrokerIntegrationTest {

    private static final Path LIB = Path.of("target/lib");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream consoleText = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(consoleText, true));

    @Test
    void brokerTakesARoundTripStopsCleanlyAndKeepsItsStateForTheNextStart() throws Exception {
        DataFolder data = new DataFolder(temp.resolve("data")).prepare(false);
        List<Integer> ports = FreePorts.take(2);

        String clusterId;
        try (KafkaBroker broker = new KafkaBroker(data, LIB, ports.get(0), ports.get(1), 3, 256, console)) {
            broker.start(Duration.ofSeconds(60));
            clusterId = broker.clusterId().orElseThrow();
            try (Admin admin = broker.admin(Duration.ofSeconds(10))) {
                KafkaTopics.Outcome outcome = new KafkaTopics(admin).ensure(Topics.ALL, 3);
                assertThat(outcome.created()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
                assertThat(admin.describeTopics(List.of(Topics.EVENT_COMMAND))
                                .allTopicNames()
                                .get(10, TimeUnit.SECONDS)
                                .get(Topics.EVENT_COMMAND)
                                .partitions())
                        .hasSize(3);
            }
            produce(broker.bootstrapServers(), Topics.EVENT_COMMAND, "connection-1", "first");
            assertThat(consumeOne(broker.bootstrapServers(), Topics.EVENT_COMMAND, "group-1"))
                    .isEqualTo("connection-1=first");
            long pid = broker.pid();
            broker.close();
            assertThat(ProcessHandle.of(pid)).isEmpty();
        }
        // Kafka leaves this marker only after a clean, complete shutdown; it skips log recovery next time.
        assertThat(broker(data).logDir().resolve(".kafka_cleanshutdown")).exists();
        assertThat(data.run().resolve("kafka.pid")).doesNotExist();

        try (KafkaBroker again = new KafkaBroker(data, LIB, ports.get(0), ports.get(1), 3, 256, console)) {
            again.start(Duration.ofSeconds(60));
            assertThat(again.clusterId()).contains(clusterId);
            try (Admin admin = again.admin(Duration.ofSeconds(10))) {
                assertThat(admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                        .isEqualTo(clusterId);
                KafkaTopics.Outcome outcome = new KafkaTopics(admin).ensure(Topics.ALL, 3);
                assertThat(outcome.created()).isEmpty();
                assertThat(outcome.existing()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
                assertThat(outcome.otherPartitionCount()).isEmpty();
            }
            // The record written before the restart is still there for a new consumer group.
            assertThat(consumeOne(again.bootstrapServers(), Topics.EVENT_COMMAND, "group-2"))
                    .isEqualTo("connection-1=first");
        }
        assertThat(consoleText.toString())
                .contains("formatted a new Kafka storage")
                .doesNotContain("exited");
    }

    private KafkaBroker broker(DataFolder data) {
        return new KafkaBroker(data, LIB, 1, 2, 3, 256, console);
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static String consumeOne(String bootstrap, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            List<String> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.key() + "=" + record.value());
                }
                return !received.isEmpty();
            });
            return received.getFirst();
        }
    }
}
