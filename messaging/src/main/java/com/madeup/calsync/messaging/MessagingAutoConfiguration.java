package com.madeup.calsync.messaging;

import com.madeup.calsync.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.ByteArrayJacksonJsonMessageConverter;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka conventions every calsync app shares.
 *
 * <ul>
 *   <li>Records travel as JSON bytes with String keys (the connection id). Consumers read bytes and the
 *       listener's parameter type picks the record: no type headers, no class names on the wire. Since
 *       reading bytes cannot fail, an unreadable payload surfaces as a conversion error in the
 *       listener, which is not retried and goes straight to the dead-letter topic (this replaces an
 *       {@code ErrorHandlingDeserializer}).
 *   <li>A failing listener is retried with bounded exponential back-off on the consumer thread (keeps
 *       per-connection order), then its record goes to {@code <topic>-dlt}, same partition.
 *   <li>Every calsync topic and its dead-letter topic are declared with the same partition count.
 * </ul>
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer calsyncProducerSerializers() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer calsyncConsumerDeserializers() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    @Bean
    @ConditionalOnMissingBean(RecordMessageConverter.class)
    RecordMessageConverter contractMessageConverter(JsonMapper jsonMapper) {
        return new ByteArrayJacksonJsonMessageConverter(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler calsyncErrorHandler(
            KafkaTemplate<Object, Object> template,
            MessagingProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry) {
        var deadLetters =
                new DeadLetterCounter(new DeadLetterPublishingRecoverer(template), meterRegistry.getIfAvailable());
        MessagingProperties.Retry retry = properties.retry();
        var backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxAttempts(retry.maxRetries());
        var handler = new DefaultErrorHandler(deadLetters, backOff);
        // A database that cannot be reached says nothing about the record: wait for it, keep the order,
        // and dead-letter nothing (the consumer's partitions stall meanwhile; readiness is DOWN).
        var untilReachable =
                new ExponentialBackOff(retry.unavailableInitialInterval().toMillis(), 2.0);
        untilReachable.setMaxInterval(retry.unavailableMaxInterval().toMillis());
        handler.setBackOffFunction((record, failure) -> DatabaseUnreachable.causedBy(failure) ? untilReachable : null);
        handler.addNotRetryableExceptions(
                PoisonMessageException.class,
                MessageConversionException.class,
                ConversionException.class,
                DeserializationException.class);
        return handler;
    }

    /**
     * Shows the dead-letter counter of every consumed topic from the start, at zero, so a dashboard or
     * alert sees "none yet" rather than "no such series".
     */
    @Bean
    ApplicationListener<ContextRefreshedEvent> calsyncDeadLetterMeters(
            ObjectProvider<KafkaListenerEndpointRegistry> listeners, ObjectProvider<MeterRegistry> meterRegistry) {
        // on refresh, not earlier: the listener containers are registered after the singletons exist
        return refreshed -> meterRegistry.ifAvailable(registry ->
                listeners.ifAvailable(endpoints -> endpoints.getListenerContainers().stream()
                        .flatMap(container -> Stream.ofNullable(
                                container.getContainerProperties().getTopics()))
                        .flatMap(Arrays::stream)
                        .distinct()
                        .forEach(topic -> DeadLetterCounter.counter(registry, topic))));
    }

    @Bean
    @ConditionalOnMissingBean
    ContractPublisher contractPublisher(
            KafkaTemplate<Object, Object> template, JsonMapper jsonMapper, MessagingProperties properties) {
        return new ContractPublisher(template, jsonMapper, properties.sendTimeout());
    }

    /** {@code kafka} in {@code /actuator/health} (not in readiness), in apps that have Actuator's health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class KafkaHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
            return new KafkaHealthIndicator(
                    admin.getConfigurationProperties(),
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(10),
                    Clock.systemUTC());
        }
    }

    @Bean
    KafkaAdmin.NewTopics calsyncTopics(MessagingProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .map(name -> TopicBuilder.name(name)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .build())
                .toArray(NewTopic[]::new));
    }
}
