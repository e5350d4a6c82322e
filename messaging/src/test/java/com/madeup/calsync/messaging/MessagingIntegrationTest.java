package com.madeup.calsync.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = MessagingIntegrationTest.TestApp.class,
        properties = {
            "spring.kafka.consumer.auto-offset-reset=earliest",
            "spring.kafka.consumer.group-id=messaging-test",
            "calsync.messaging.retry.initial-interval=10ms",
            "calsync.messaging.retry.max-interval=50ms",
            "calsync.messaging.retry.max-retries=3",
            "calsync.messaging.retry.unavailable-initial-interval=10ms",
            "calsync.messaging.retry.unavailable-max-interval=50ms"
        })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class MessagingIntegrationTest {

    /** A stand-in contract: the listener binds the topic to it, as the apps bind theirs. */
    record Greeting(String text, int attemptsToFail) {}

    /** What the listener saw: the converted payload and the record's header names. */
    record Handled(String key, Greeting greeting, List<String> headerNames) {}

    @SpringBootApplication
    @Import({GreetingListener.class, QuietListener.class})
    static class TestApp {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    /** Consumes a topic that never fails, so its dead-letter counter must stay at zero. */
    @Component
    static class QuietListener {
        @KafkaListener(topics = Topics.EVENT_COMMAND_RESULT)
        void on(Greeting ignored) {}
    }

    @Component
    static class GreetingListener {
        final List<Handled> handled = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @KafkaListener(topics = Topics.SYNC_REQUESTED)
        void on(
                Greeting greeting,
                @Header(KafkaHeaders.RECEIVED_KEY) String key,
                ConsumerRecord<String, Greeting> record) {
            int attempt =
                    attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (greeting.text().equals("poison")) {
                throw new PoisonMessageException("cannot greet " + key);
            }
            if (attempt <= greeting.attemptsToFail()) {
                if (greeting.text().equals("database down")) {
                    throw new IllegalStateException(
                            "pass failed", new DataAccessResourceFailureException("connection refused " + attempt));
                }
                throw new IllegalStateException("transient failure " + attempt);
            }
            List<String> headerNames = new ArrayList<>();
            record.headers().forEach(header -> headerNames.add(header.key()));
            handled.add(new Handled(key, greeting, headerNames));
        }
    }

    @Autowired
    ContractPublisher publisher;

    @Autowired
    GreetingListener listener;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaHealthIndicator kafkaHealth;

    @Test
    void publishedContractArrivesAsTypedRecordWithoutTypeHeaders() {
        publisher.publishAndWait(Topics.SYNC_REQUESTED, "conn-plain", new Greeting("hello", 0));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> listener.handled.stream().anyMatch(r -> r.key().equals("conn-plain")));
        Handled handled = listener.handled.stream()
                .filter(r -> r.key().equals("conn-plain"))
                .findFirst()
                .orElseThrow();
        assertThat(handled.greeting()).isEqualTo(new Greeting("hello", 0));
        assertThat(handled.headerNames()).noneMatch(name -> name.toLowerCase().contains("type"));
    }

    @Test
    void failingListenerIsRetriedAndHandledOnce() {
        publisher.publishAndWait(Topics.SYNC_REQUESTED, "conn-flaky", new Greeting("flaky", 2));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> listener.handled.stream().anyMatch(r -> r.key().equals("conn-flaky")));
        assertThat(listener.attempts.get("conn-flaky")).hasValue(3);
        assertThat(listener.handled.stream().filter(r -> r.key().equals("conn-flaky")))
                .hasSize(1);
    }

    @Test
    void anUnreachableDatabaseIsWaitedForBeyondTheRetryBudgetAndNothingIsDeadLettered() {
        // 6 failures: past max-retries (3), which would dead-letter any other failure.
        publisher.publishAndWait(Topics.SYNC_REQUESTED, "conn-db-down", new Greeting("database down", 6));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> listener.handled.stream().anyMatch(r -> r.key().equals("conn-db-down")));
        assertThat(listener.attempts.get("conn-db-down")).hasValue(7);
        assertThat(deadLetterKeys()).doesNotContain("conn-db-down");
    }

    @Test
    void unreadablePayloadGoesToDeadLetterTopicWithoutReachingTheListener() {
        rawProducer()
                .send(new ProducerRecord<>(
                        Topics.SYNC_REQUESTED, "conn-garbage", "{not json".getBytes(StandardCharsets.UTF_8)));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter("conn-garbage");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(headerValue(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.SYNC_REQUESTED);
        assertThat(listener.attempts).doesNotContainKey("conn-garbage");
    }

    @Test
    void poisonMessageIsDeadLetteredAfterOneAttempt() {
        publisher.publishAndWait(Topics.SYNC_REQUESTED, "conn-poison", new Greeting("poison", 0));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter("conn-poison");
        assertThat(headerValue(dead, "kafka_dlt-exception-message")).contains("cannot greet conn-poison");
        assertThat(listener.attempts.get("conn-poison")).hasValue(1);
    }

    @Test
    void deadLetterCountersExistAtZeroForEveryConsumedTopicAndCountEachDeadLetter() {
        assertThat(meters.get("calsync.messages.dead.lettered")
                        .tag("topic", Topics.EVENT_COMMAND_RESULT)
                        .counter()
                        .count())
                .as("a consumed topic without dead letters shows zero")
                .isZero();
        double before = meters.get("calsync.messages.dead.lettered")
                .tag("topic", Topics.SYNC_REQUESTED)
                .counter()
                .count();

        publisher.publishAndWait(Topics.SYNC_REQUESTED, "conn-counted", new Greeting("poison", 0));

        awaitDeadLetter("conn-counted");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(meters.get("calsync.messages.dead.lettered")
                                .tag("topic", Topics.SYNC_REQUESTED)
                                .counter()
                                .count())
                        .isEqualTo(before + 1));
    }

    @Test
    void publishAndWaitFailsClearlyWhenNoBrokerAnswers() {
        var unreachable = new DefaultKafkaProducerFactory<Object, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                600,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
        var publisherWithoutBroker = new ContractPublisher(
                new KafkaTemplate<>(unreachable), JsonMapper.builder().build(), Duration.ofMillis(1500));
        try {
            assertThatThrownBy(() -> publisherWithoutBroker.publishAndWait(
                            Topics.SYNC_REQUESTED, "conn-x", new Greeting("lost?", 0)))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining(Topics.SYNC_REQUESTED);
        } finally {
            unreachable.destroy();
        }
    }

    private KafkaTemplate<String, byte[]> rawProducer() {
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        return new KafkaTemplate<>(factory);
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        try (var consumer = new KafkaConsumer<String, byte[]>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlt-reader-" + key,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SYNC_REQUESTED_DLT));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    /** The keys of every record on the dead-letter topic so far (read up to its current end). */
    private List<String> deadLetterKeys() {
        try (var consumer = new KafkaConsumer<String, byte[]>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SYNC_REQUESTED_DLT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            return keys;
        }
    }

    private static String headerValue(ConsumerRecord<?, ?> record, String name) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void kafkaHealthIsUpWithTheBrokerAndDownWithoutAndReusesAResultForAWhile() throws Exception {
        assertThat(kafkaHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(kafkaHealth.health().getDetails()).containsEntry("nodes", 1);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        KafkaHealthIndicator noBroker = new KafkaHealthIndicator(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort),
                Duration.ofMillis(500),
                Duration.ofSeconds(10),
                clock);
        long started = System.nanoTime();
        Health down = noBroker.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(noBroker.health()).as("within cacheFor: the same result").isSameAs(down);
        clock.now = clock.now.plusSeconds(10);
        assertThat(noBroker.health()).as("after cacheFor: checked again").isNotSameAs(down);
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
