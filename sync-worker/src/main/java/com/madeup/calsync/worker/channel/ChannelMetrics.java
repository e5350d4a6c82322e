package com.madeup.calsync.worker.channel;

import com.madeup.calsync.store.channel.ResourceKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the channel lifecycle: {@code calsync.worker.channels.created|renewed|stopped} tagged
 * with {@code kind} ({@code events}/{@code calendar_list}), and {@code calsync.worker.channels.failed}
 * tagged with {@code kind}, {@code operation} ({@code watch}/{@code stop}) and {@code error} (the
 * ErrorKind). A null registry counts nothing (tests without Micrometer).
 */
public final class ChannelMetrics {

    private final MeterRegistry registry;

    public ChannelMetrics(MeterRegistry registryOrNull) {
        this.registry = registryOrNull;
    }

    void created(ResourceKind kind) {
        increment("calsync.worker.channels.created", kind, null, null);
    }

    void renewed(ResourceKind kind) {
        increment("calsync.worker.channels.renewed", kind, null, null);
    }

    void stopped(ResourceKind kind) {
        increment("calsync.worker.channels.stopped", kind, null, null);
    }

    void failed(ResourceKind kind, String operation, String error) {
        increment("calsync.worker.channels.failed", kind, operation, error);
    }

    private void increment(String name, ResourceKind kind, String operation, String error) {
        if (registry == null) {
            return;
        }
        Counter.Builder builder = Counter.builder(name).tag("kind", kind.databaseValue());
        if (operation != null) {
            builder.tag("operation", operation).tag("error", error);
        }
        builder.register(registry).increment();
    }
}
