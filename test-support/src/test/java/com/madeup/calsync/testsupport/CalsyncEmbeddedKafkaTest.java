package com.madeup.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** Plain JUnit use: the broker is injected as a method parameter, no Spring context. */
@CalsyncEmbeddedKafka
class CalsyncEmbeddedKafkaTest {

    @Test
    void annotationListsExactlyTheSharedTopics() {
        EmbeddedKafka embeddedKafka = CalsyncEmbeddedKafka.class.getAnnotation(EmbeddedKafka.class);

        assertThat(embeddedKafka.topics()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(embeddedKafka.bootstrapServersProperty()).isEqualTo("spring.kafka.bootstrap-servers");
    }

    @Test
    void brokerHasEveryTopicWithThreePartitions(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(Topics.ALL).allTopicNames().get(10, TimeUnit.SECONDS);

            assertThat(topics).containsOnlyKeys(Topics.ALL);
            assertThat(topics.values())
                    .allSatisfy(topic ->
                            assertThat(topic.partitions()).as(topic.name()).hasSize(CalsyncEmbeddedKafka.PARTITIONS));
        }
    }

    @Test
    void recordSentIsReadBackFromTheBeginning(EmbeddedKafkaBroker broker) {
        String servers = broker.getBrokersAsString();

        TestKafka.send(servers, Topics.SYNC_REQUESTED_DLT, "connection-1", "{\"hello\":1}");

        List<ConsumerRecord<String, String>> records =
                TestKafka.readAtLeast(servers, Topics.SYNC_REQUESTED_DLT, 1, Duration.ofSeconds(10));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("connection-1");
            assertThat(record.value()).isEqualTo("{\"hello\":1}");
        });
        assertThat(TestKafka.readToEnd(servers, Topics.SYNC_REQUESTED_DLT, Duration.ofSeconds(10)))
                .hasSize(1);
        assertThat(TestKafka.readToEnd(servers, Topics.EVENT_COMMAND, Duration.ofSeconds(10)))
                .isEmpty();
    }
}
