package com.madeup.calsync.worker.token;

import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.worker.channel.PassLock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Re-encrypts the token rows under older keys once the worker has started ({@code
 * calsync.worker.token-reencryption.enabled}, default true).
 */
@Configuration(proxyBeanMethods = false)
public class TokenKeyRotationConfiguration {

    @Bean
    TokenKeyRotation tokenKeyRotation(OAuthTokenStore tokens, DataSource dataSource) {
        return new TokenKeyRotation(tokens, new PassLock(dataSource, PassLock.TOKEN_REENCRYPTION));
    }

    @Bean
    @ConditionalOnProperty(
            name = "calsync.worker.token-reencryption.enabled",
            havingValue = "true",
            matchIfMissing = true)
    ApplicationListener<ApplicationReadyEvent> tokenReencryptionAtStart(TokenKeyRotation rotation) {
        return ready -> rotation.startInBackground();
    }
}
