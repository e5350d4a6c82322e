package com.madeup.calsync.ingress.command;

import com.madeup.calsync.ingress.config.IngressProperties;
import com.madeup.calsync.model.EventCommandRules;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

    @Bean
    CommandClients commandClients(IngressProperties properties) {
        return new CommandClients(properties.commandClients());
    }

    @Bean
    EventCommandRules eventCommandRules() {
        return new EventCommandRules();
    }

    @Bean
    CommandMetrics commandMetrics(MeterRegistry registry) {
        return new CommandMetrics(registry);
    }
}
