package com.madeup.calsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs last (class order): stops the stack as Ctrl-C would and checks that every process it started is
 * gone and the launcher said so.
 */
@ExtendWith(LocalStackExtension.class)
@Order(Integer.MAX_VALUE)
class StackStopsCleanlyTest {

    @Test
    void sigtermStopsEveryPartOfTheStack(RunningStack stack) {
        Map<String, Long> pids = stack.pids();
        assertThat(pids.keySet())
                .contains(
                        "postgres",
                        "kafka",
                        "google-emulator",
                        "webhook-ingress",
                        "sync-worker",
                        "outbound-writer",
                        "dashboard");
        pids.forEach((part, pid) ->
                assertThat(RunningStack.alive(pid)).as("%s is running", part).isPresent());

        int exitCode = stack.stop();

        assertThat(exitCode)
                .as("launcher exit code; output:%n%s", stack.launcherOutput())
                .isIn(0, 130, 143);
        await("every process of the stack to be gone")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> pids.forEach((part, pid) -> assertThat(RunningStack.alive(pid))
                        .as("%s still runs", part)
                        .isEmpty()));
    }
}
