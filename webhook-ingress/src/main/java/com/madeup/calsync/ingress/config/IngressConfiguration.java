package com.madeup.calsync.ingress.config;

import com.madeup.calsync.ingress.KafkaSender;
import com.madeup.calsync.messaging.ContractPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

    @Bean
    KafkaSender kafkaSender(ContractPublisher publisher) {
        return publisher::publish;
    }
}
