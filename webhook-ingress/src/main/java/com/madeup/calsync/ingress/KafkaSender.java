package com.madeup.calsync.ingress;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one contract to a topic; the future completes when the broker acknowledged it (acks=all) and
 * fails otherwise. Production code uses {@code ContractPublisher::publish}; controller unit tests pass
 * a fake.
 */
@FunctionalInterface
public interface KafkaSender {

    CompletableFuture<?> send(String topic, String key, Object contract);
}
