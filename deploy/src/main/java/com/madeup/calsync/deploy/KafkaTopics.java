package com.madeup.calsync.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/** Creates the topics the apps use before any app starts, so none of them races to create one. */
final class KafkaTopics {

    private static final short REPLICATION_FACTOR = 1;

    /** What {@link #ensure} found: created now, already there, and there with another partition count. */
    record Outcome(List<String> created, List<String> existing, Map<String, Integer> otherPartitionCount) {}

    private final Admin admin;

    KafkaTopics(Admin admin) {
        this.admin = admin;
    }

    Outcome ensure(List<String> topics, int partitions) {
        try {
            Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !present.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, REPLICATION_FACTOR))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            List<String> existing = new ArrayList<>(topics);
            existing.removeIf(topic -> !present.contains(topic));
            Map<String, Integer> other = new java.util.TreeMap<>();
            if (!existing.isEmpty()) {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(existing).allTopicNames().get(30, TimeUnit.SECONDS);
                descriptions.forEach((name, description) -> {
                    if (description.partitions().size() != partitions) {
                        other.put(name, description.partitions().size());
                    }
                });
            }
            return new Outcome(missing.stream().map(NewTopic::name).toList(), List.copyOf(existing), other);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the Kafka topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topics", e);
        }
    }
}
