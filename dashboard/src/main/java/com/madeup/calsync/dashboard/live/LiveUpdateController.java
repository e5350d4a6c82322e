package com.madeup.calsync.dashboard.live;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /events/stream}: the signed-in user's calendar changes as server-sent events. */
@RestController
class LiveUpdateController {

    private final LiveUpdates live;
    private final ProviderConnectionRepository connections;

    LiveUpdateController(LiveUpdates live, ProviderConnectionRepository connections) {
        this.live = live;
        this.connections = connections;
    }

    @GetMapping(path = "/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal CurrentUser user) {
        return live.open(connections.findByUserId(user.id()).stream()
                .map(ProviderConnection::id)
                .collect(Collectors.toSet()));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class LiveConfiguration {
        @Bean
        LiveUpdates liveUpdates() {
            // Browsers reconnect an EventSource on their own after the timeout.
            return new LiveUpdates(Duration.ofMinutes(30));
        }

        @Bean
        VisibleChangeGate visibleChangeGate(
                CalendarRepository calendars, CalendarEventStore events, LiveUpdates live, MeterRegistry meters) {
            // Not a bean of its own: a ScheduledExecutorService bean would become @Scheduled's scheduler.
            ScheduledExecutorService recheckTimer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("live-recheck").daemon(true).factory());
            VisibleChangeGate gate =
                    new VisibleChangeGate(calendars, events, recheckTimer, Duration.ofSeconds(10), live);
            Gauge.builder("calsync.dashboard.live.waiting", gate, VisibleChangeGate::waiting)
                    .description("Changes held back from the pages until the database shows them")
                    .register(meters);
            return gate;
        }
    }

    /** Ends the open streams when the application closes, before the web server's graceful shutdown waits. */
    @Component
    static class StreamsCloser implements ApplicationListener<ContextClosedEvent> {
        private final LiveUpdates live;

        StreamsCloser(LiveUpdates live) {
            this.live = live;
        }

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            live.closeAll();
        }
    }

    @Component
    static class Heartbeat {
        private final LiveUpdates live;

        Heartbeat(LiveUpdates live) {
            this.live = live;
        }

        @Scheduled(fixedDelay = 25, initialDelay = 25, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
        void beat() {
            live.heartbeat();
        }
    }

    /**
     * Every instance needs every change (its users' streams are local), so each instance has a
     * consumer group of its own and starts at the latest offset: a page shows the database state
     * when it loads, and only later changes are pushed.
     */
    @Component
    static class CalendarEventChangedListener {
        private final VisibleChangeGate gate;

        CalendarEventChangedListener(VisibleChangeGate gate) {
            this.gate = gate;
        }

        @KafkaListener(
                id = "dashboard-live-updates",
                topics = Topics.CALENDAR_EVENT_CHANGED,
                groupId = "calsync-dashboard-live-#{T(java.util.UUID).randomUUID()}",
                properties = "auto.offset.reset=latest")
        void on(CalendarEventChanged change) {
            gate.offer(change);
        }
    }
}
