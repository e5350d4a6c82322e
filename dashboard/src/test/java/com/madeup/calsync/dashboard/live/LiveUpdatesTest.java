package com.madeup.calsync.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveUpdatesTest {

    private final LiveUpdates live = new LiveUpdates(Duration.ofMinutes(30));

    @Test
    void aConnectionIsWatchedWhileAStreamIsOpenForIt() {
        UUID watched = UUID.randomUUID();

        live.open(Set.of(watched));

        assertThat(live.watched(watched)).isTrue();
        assertThat(live.watched(UUID.randomUUID())).isFalse();
    }

    @Test
    void closeAllEndsEveryStreamSoShutdownNeedNotWaitForThem() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        SseEmitter one = live.open(Set.of(first));
        SseEmitter both = live.open(Set.of(first, second));

        live.closeAll();

        assertThat(live.watched(first)).isFalse();
        assertThat(live.watched(second)).isFalse();
        assertThatThrownBy(() -> one.send("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> both.send("late")).isInstanceOf(IllegalStateException.class);
    }
}
