package com.madeup.calsync.ingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands records to the Kafka producer in bursts, one burst per send window, and has each burst sent at
 * once ({@code flush}) instead of leaving the timing to the producer's {@code linger.ms}.
 *
 * <p>Why: every request here waits for its acknowledgement, so the time a record waits before it is
 * sent is latency the caller sees. The producer counts its linger in whole milliseconds and re-arms the
 * wait from its clock at each wake-up (new batches of other partitions, the previous request's
 * response), so {@code linger.ms=1} held batches 1-2 ms, one produce request every 1.5 ms at 26k
 * notifications/s; {@code linger.ms=0} sends a request per few records and doubles the broker's CPU per
 * record (docs/benchmarks.md, "webhook-ingress"). Here one platform thread, {@code kafka-pacer}, waits
 * until the oldest queued record is one window old, appends every queued record to the producer and
 * flushes, which sends them in one produce request and waits for its acknowledgement; records arriving
 * meanwhile queue for the next burst. So one produce request is in flight at a time, carrying what
 * arrived during the window and the previous round trip.
 *
 * <p>Nothing is dropped silently: each record is either handed to the producer, whose outcome completes
 * the record's future, or its future fails at once (queue full, sender closed). A record whose future
 * the caller cancelled while it was queued (its request already answered 503) is not sent. Per-key order holds:
 * one thread appends, in arrival order. The producer's own linger must be longer than a burst takes to
 * append (the 5 ms default is), or it would split bursts.
 */
public final class PacedKafkaSender implements KafkaSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PacedKafkaSender.class);

    private final KafkaSender producer;
    private final Runnable flush;
    private final long windowNanos;
    private final int queueLimit;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    /** Records accepted and not yet handed to the producer: the queue's length without walking it. */
    private final AtomicInteger queued = new AtomicInteger();

    private final Thread pacer;
    /** Set by the pacer before it parks with nothing queued; a sender that sees it wakes the pacer. */
    private volatile boolean idle;

    private volatile boolean closing;

    private record Queued(
            String topic, String key, Object contract, long queuedAtNanos, CompletableFuture<Object> outcome) {}

    /**
     * Starts the pacer thread.
     *
     * @param producer appends a record to the producer without waiting; its future completes with
     *     Kafka's answer (production: {@code ContractPublisher::publish})
     * @param flush sends what was appended and waits for the answers ({@code KafkaTemplate::flush})
     * @param window how old the oldest queued record gets before its burst is sent; zero sends as soon
     *     as the previous burst is acknowledged
     * @param queueLimit most records waiting; beyond it {@link #send} fails at once (Kafka is not keeping
     *     up, so the caller answers 503 rather than this process filling its heap)
     */
    public PacedKafkaSender(KafkaSender producer, Runnable flush, Duration window, int queueLimit) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.flush = Objects.requireNonNull(flush, "flush");
        if (window.isNegative()) {
            throw new IllegalArgumentException("send window must not be negative, got " + window);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queue limit must be positive, got " + queueLimit);
        }
        this.windowNanos = window.toNanos();
        this.queueLimit = queueLimit;
        this.pacer = Thread.ofPlatform().name("kafka-pacer").daemon().start(this::run);
    }

    @Override
    public CompletableFuture<?> send(String topic, String key, Object contract) {
        if (closing) {
            return CompletableFuture.failedFuture(
                    new RejectedExecutionException("shutting down: not sending to Kafka"));
        }
        if (queued.getAndIncrement() >= queueLimit) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    queueLimit + " records are already waiting for Kafka; not queueing more"));
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        queue.add(new Queued(topic, key, contract, System.nanoTime(), outcome));
        // Added, then read: the pacer sets idle, then looks at the queue again, so one of the two sees the other.
        if (idle) {
            LockSupport.unpark(pacer);
        }
        return outcome;
    }

    /** Records accepted and not yet handed to the producer. */
    public int queued() {
        return queued.get();
    }

    private void run() {
        List<Queued> burst = new ArrayList<>();
        while (true) {
            Queued oldest = queue.peek();
            if (oldest == null) {
                if (closing) {
                    return;
                }
                idle = true;
                if (queue.isEmpty() && !closing) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            long wait = oldest.queuedAtNanos() + windowNanos - System.nanoTime();
            if (wait > 0 && !closing) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            for (Queued next; (next = queue.poll()) != null; ) {
                queued.decrementAndGet();
                burst.add(next);
            }
            try {
                sendAndFlush(burst);
            } catch (Throwable unexpected) {
                // The pacer must outlive any one burst, or every later request would wait for its timeout.
                log.error("Sending a burst of {} records to Kafka failed unexpectedly", burst.size(), unexpected);
                burst.forEach(record -> record.outcome().completeExceptionally(unexpected));
            }
            burst.clear();
        }
    }

    private void sendAndFlush(List<Queued> burst) {
        for (Queued record : burst) {
            if (record.outcome().isDone()) {
                continue; // cancelled while queued: its caller answered already (timeout) and will not wait
            }
            try {
                producer.send(record.topic(), record.key(), record.contract()).whenComplete((acknowledged, failure) -> {
                    if (failure == null) {
                        record.outcome().complete(acknowledged);
                    } else {
                        record.outcome().completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException e) {
                record.outcome().completeExceptionally(e);
            }
        }
        try {
            flush.run();
        } catch (RuntimeException e) {
            // Each record's own future carries its outcome; the flush only waited for them.
            log.warn("Flushing {} records to Kafka failed: {}", burst.size(), e.toString());
        }
    }

    /**
     * Sends what is queued (without waiting for the window), then stops the pacer; records offered from
     * now on fail at once. Waits at most {@code timeout} for the pacer.
     */
    public void close(Duration timeout) {
        closing = true;
        LockSupport.unpark(pacer);
        try {
            if (!pacer.join(timeout)) {
                log.warn("The Kafka pacer did not finish within {}; {} records were still queued", timeout, queued());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // A send that passed the closing check just before it was set may have queued after the pacer left.
        for (Queued late; (late = queue.poll()) != null; ) {
            queued.decrementAndGet();
            late.outcome().completeExceptionally(new RejectedExecutionException("shutting down: not sending to Kafka"));
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
