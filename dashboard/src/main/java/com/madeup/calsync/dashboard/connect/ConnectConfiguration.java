package com.madeup.calsync.dashboard.connect;

import com.madeup.calsync.dashboard.config.DashboardProperties;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.token.OAuthTokenStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ConnectConfiguration {

    @Bean
    GoogleConnect googleConnect(
            OAuthApi oauth,
            CalendarApi calendarApi,
            ProviderConnectionRepository connections,
            CalendarRepository calendars,
            OAuthTokenStore tokens,
            SyncRequestPublisher sync,
            PlatformTransactionManager transactionManager,
            DashboardProperties dashboard,
            Clock clock) {
        return new GoogleConnect(
                oauth,
                calendarApi,
                connections,
                calendars,
                tokens,
                sync,
                new TransactionTemplate(transactionManager),
                dashboard.googleRedirectUri(),
                clock);
    }
}
