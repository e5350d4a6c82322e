package com.madeup.calsync.messaging;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes message contracts as plain JSON, keyed by connection id. No type headers: consumers bind
 * each topic to a known record, so a renamed Java class never breaks data in flight.
 */
public final class ContractPublisher {

    private final KafkaTemplate<Object, Object> template;
    private final JsonMapper jsonMapper;
    private final Duration sendTimeout;

    public ContractPublisher(KafkaTemplate<Object, Object> template, JsonMapper jsonMapper, Duration sendTimeout) {
        this.template = Objects.requireNonNull(template, "template");
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    /** Sends without waiting; the future completes when the broker acknowledged (acks=all). */
    public CompletableFuture<RecordMetadata> publish(String topic, String key, Object contract) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contract, "contract");
        byte[] json = jsonMapper.writeValueAsBytes(contract);
        CompletableFuture<SendResult<Object, Object>> sent;
        try {
            sent = template.send(new ProducerRecord<>(topic, key, json));
        } catch (KafkaException e) {
            // The producer throws at once when it cannot even fetch metadata (max.block.ms);
            // callers see one failure path either way.
            return CompletableFuture.failedFuture(e);
        }
        return sent.thenApply(SendResult::getRecordMetadata);
    }

    /**
     * Sends and waits for the broker's acknowledgement, at most the configured send timeout.
     *
     * @throws PublishFailedException when the broker refused the record or did not answer in time
     */
    public RecordMetadata publishAndWait(String topic, String key, Object contract) {
        CompletableFuture<RecordMetadata> sent = publish(topic, key, contract);
        try {
            return sent.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka to acknowledge " + topic, e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused a record for " + topic, e.getCause());
        } catch (TimeoutException e) {
            sent.cancel(false);
            throw new PublishFailedException(
                    "Kafka did not acknowledge a record for " + topic + " within " + sendTimeout, e);
        }
    }
}
