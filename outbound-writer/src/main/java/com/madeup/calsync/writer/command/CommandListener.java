package com.madeup.calsync.writer.command;

import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.SyncRequested;
import com.madeup.calsync.model.Topics;
import java.util.Objects;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The writer's Kafka entry points. A connection's commands share one partition (keyed by
 * connection id), so they are applied one at a time and in order; that is also why the per-user
 * rate limit can live in memory.
 */
public final class CommandListener {

    /** Consumer group of the writer, on both topics it reads. */
    public static final String GROUP = "calsync-outbound-writer";

    private final CommandHandler handler;

    public CommandListener(CommandHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @KafkaListener(topics = Topics.EVENT_COMMAND, groupId = GROUP)
    void on(EventCommand command) {
        handler.handle(command);
    }

    /** A (re)connected account may have held commands waiting: apply them now. */
    @KafkaListener(topics = Topics.SYNC_REQUESTED, groupId = GROUP)
    void on(SyncRequested request) {
        handler.redriveHeld(request.meta().connectionId().value());
    }
}
