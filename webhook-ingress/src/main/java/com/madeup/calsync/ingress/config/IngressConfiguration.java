package com.madeup.calsync.ingress.config;

import com.madeup.calsync.ingress.KafkaSender;
import com.madeup.calsync.messaging.ContractPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

    static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

    @Bean
    KafkaSender kafkaSender(ContractPublisher publisher, Environment environment) {
        requireBootstrapServers(environment);
        return publisher::publish;
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
