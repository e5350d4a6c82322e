package com.madeup.calsync.ingress.config;

import com.madeup.calsync.ingress.PacedKafkaSender;
import com.madeup.calsync.messaging.ContractPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

    static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

    /** Notifications and commands reach the producer in paced bursts (see {@link PacedKafkaSender}). */
    @Bean
    PacedKafkaSender kafkaSender(
            ContractPublisher publisher,
            KafkaTemplate<Object, Object> template,
            IngressProperties properties,
            MeterRegistry registry,
            Environment environment) {
        requireBootstrapServers(environment);
        var sender = new PacedKafkaSender(
                publisher::publish, template::flush, properties.sendWindow(), properties.sendQueueLimit());
        Gauge.builder("calsync.ingress.send.queued", sender, PacedKafkaSender::queued)
                .description("Records accepted and waiting for their burst to the Kafka producer")
                .register(registry);
        return sender;
    }

    /**
     * Boot would fall back to localhost:9092; the shared configuration contract says an app without
     * a broker address must not start (it would answer every notification 503 instead).
     */
    static void requireBootstrapServers(Environment environment) {
        String servers = environment.getProperty(BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new IllegalStateException(BOOTSTRAP_SERVERS
                    + " is required: set it (env SPRING_KAFKA_BOOTSTRAP_SERVERS) to the Kafka broker addresses,"
                    + " e.g. 127.0.0.1:9092");
        }
    }
}
