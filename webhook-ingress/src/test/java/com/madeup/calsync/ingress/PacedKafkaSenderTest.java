package com.madeup.calsync.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pacing alone, with a stand-in for the producer that records what was appended and when: the
 * path through a real broker is covered by {@code IngressIntegrationTest}.
 */
class PacedKafkaSenderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What the pacer appended, in order, with the number of flushes that had run before each. */
    private final List<String> appended = Collections.synchronizedList(new ArrayList<>());

    private final List<Long> appendedAtNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger flushes = new AtomicInteger();
    private final List<PacedKafkaSender> senders = new ArrayList<>();

    @AfterEach
    void closeSenders() {
        senders.forEach(PacedKafkaSender::close);
    }

    private PacedKafkaSender sender(Duration window, int queueLimit, Runnable flush) {
        KafkaSender producer = (topic, key, contract) -> {
            if ("throws".equals(contract)) {
                throw new IllegalStateException("producer closed");
            }
            appended.add(key + ":" + contract + "@" + flushes.get());
            appendedAtNanos.add(System.nanoTime());
            return "refused".equals(contract)
                    ? CompletableFuture.failedFuture(new IllegalStateException("record too large"))
                    : CompletableFuture.completedFuture("ack " + contract);
        };
        var sender = new PacedKafkaSender(
                producer,
                () -> {
                    flush.run();
                    flushes.incrementAndGet();
                },
                window,
                queueLimit);
        senders.add(sender);
        return sender;
    }

    @Test
    void recordsOfferedWithinTheWindowGoInOneBurstAndOneFlushInTheirOrder() {
        var sender = sender(Duration.ofMillis(300), 100, () -> {});
        long offeredAt = System.nanoTime();

        List<CompletableFuture<?>> outcomes =
                List.of(sender.send("t", "k1", "a"), sender.send("t", "k2", "b"), sender.send("t", "k1", "c"));

        await().atMost(WAIT).until(() -> flushes.get() == 1);
        assertThat(appended).containsExactly("k1:a@0", "k2:b@0", "k1:c@0");
        assertThat(appendedAtNanos.getFirst() - offeredAt)
                .as("the first record waited for the window")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(outcomes.stream().map(outcome -> (Object) outcome.join()))
                .containsExactly("ack a", "ack b", "ack c");
        assertThat(sender.queued()).isZero();
    }

    @Test
    void aRecordTheProducerRefusesFailsAloneAndTheOthersGoThrough() {
        var sender = sender(Duration.ZERO, 100, () -> {});

        CompletableFuture<?> refused = sender.send("t", "k", "refused");
        CompletableFuture<?> thrown = sender.send("t", "k", "throws");
        CompletableFuture<?> fine = sender.send("t", "k", "fine");

        assertThat(fine.join()).isEqualTo("ack fine");
        assertThat(refused).failsWithin(WAIT).withThrowableThat().withMessageContaining("record too large");
        assertThat(thrown).failsWithin(WAIT).withThrowableThat().withMessageContaining("producer closed");
    }

    @Test
    void recordsArrivingDuringAFlushWaitForTheNextBurstAndBeyondTheLimitFailAtOnce() throws Exception {
        var flushStarted = new CountDownLatch(1);
        var kafkaAnswers = new CountDownLatch(1);
        var sender = sender(Duration.ZERO, 2, () -> {
            flushStarted.countDown();
            try {
                kafkaAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<?> first = sender.send("t", "k", "first");
        assertThat(flushStarted.await(10, TimeUnit.SECONDS)).isTrue();

        // The pacer waits for Kafka: two more records queue, the third is refused.
        CompletableFuture<?> second = sender.send("t", "k", "second");
        CompletableFuture<?> third = sender.send("t", "k", "third");
        CompletableFuture<?> refused = sender.send("t", "k", "refused-by-limit");

        assertThat(refused)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .withCauseInstanceOf(RejectedExecutionException.class)
                .withMessageContaining("2 records are already waiting");
        assertThat(sender.queued()).isEqualTo(2);
        assertThat(appended).containsExactly("k:first@0");

        kafkaAnswers.countDown();
        assertThat(CompletableFuture.allOf(first, second, third)).succeedsWithin(WAIT);
        assertThat(appended).containsExactly("k:first@0", "k:second@1", "k:third@1");
    }

    @Test
    void manySendersAtOnceAreAllSentInTheirOrderPerSender() throws Exception {
        var sender = sender(Duration.ZERO, 1_000_000, () -> {});
        int senders = 8;
        int each = 20_000;
        var start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<?>> outcomes = new CopyOnWriteArrayList<>();
        for (int s = 0; s < senders; s++) {
            String key = "s" + s;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < each; i++) {
                    outcomes.add(sender.send("t", key, i));
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        // A lost wake-up would leave records queued with the pacer asleep.
        assertThat(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)))
                .succeedsWithin(WAIT);
        assertThat(appended).hasSize(senders * each);
        for (int s = 0; s < senders; s++) {
            String prefix = "s" + s + ":";
            assertThat(appended.stream()
                            .filter(entry -> entry.startsWith(prefix))
                            .map(entry -> Integer.parseInt(entry.substring(prefix.length(), entry.indexOf('@')))))
                    .isSorted()
                    .hasSize(each);
        }
    }

    @Test
    void aRecordCancelledWhileQueuedIsNotSent() {
        var sender = sender(Duration.ofMillis(200), 100, () -> {});
        CompletableFuture<?> givenUp = sender.send("t", "k", "given-up");
        CompletableFuture<?> kept = sender.send("t", "k", "kept");

        givenUp.cancel(false);

        assertThat(kept).succeedsWithin(WAIT);
        assertThat(appended).containsExactly("k:kept@0");
    }

    @Test
    void closeSendsWhatIsQueuedWithoutWaitingForTheWindowThenRefuses() {
        var sender = sender(Duration.ofMinutes(1), 100, () -> {});
        CompletableFuture<?> queued = sender.send("t", "k", "queued");

        sender.close(WAIT);

        assertThat(queued).isDone();
        assertThat((Object) queued.join()).isEqualTo("ack queued");
        assertThat(flushes).hasValue(1);
        assertThat(sender.send("t", "k", "late"))
                .isCompletedExceptionally()
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .withCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void neitherAFailingFlushNorAnErrorStopsThePacer() {
        var flushCalls = new AtomicInteger();
        var sender = sender(Duration.ZERO, 100, () -> {
            switch (flushCalls.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("interrupted flush");
                case 2 -> throw new AssertionError("an Error, not an exception");
                default -> {}
            }
        });

        for (String contract : List.of("a", "b", "c")) {
            // one burst each: the record is answered before the next is offered
            assertThat(sender.send("t", "k", contract)).succeedsWithin(WAIT);
        }
        await().atMost(WAIT).until(() -> flushes.get() == 1); // the third burst's flush ran
        assertThat(appended).hasSize(3);
    }

    @Test
    void aNegativeWindowOrNoRoomIsRefused() {
        assertThatThrownBy(() -> new PacedKafkaSender((t, k, c) -> null, () -> {}, Duration.ofMillis(-1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacedKafkaSender((t, k, c) -> null, () -> {}, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
