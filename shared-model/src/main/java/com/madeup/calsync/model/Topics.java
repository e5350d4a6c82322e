package com.madeup.calsync.model;

import java.util.List;

/**
 * Every Kafka topic calsync uses, declared once. Each topic is keyed by the connection id, so all
 * work of one connection is ordered on one partition. Each consumed topic has a dead-letter topic
 * {@code <name>-dlt} with the same partition count.
 */
public final class Topics {

    /** A watched calendar (or calendar list) changed at the provider. webhook-ingress to sync-worker. */
    public static final String CALENDAR_CHANGE_NOTIFIED = "calsync.calendar-change-notified.v1";

    /** Sync this connection (or one calendar of it) now. dashboard and sync-worker to sync-worker. */
    public static final String SYNC_REQUESTED = "calsync.sync-requested.v1";

    /** Create, update or delete an event. dashboard, webhook-ingress, upstream apps to outbound-writer. */
    public static final String EVENT_COMMAND = "calsync.event-command.v1";

    /** What became of an event command. outbound-writer to dashboard and upstream apps. */
    public static final String EVENT_COMMAND_RESULT = "calsync.event-command-result.v1";

    /** An event was stored or removed. sync-worker and outbound-writer to dashboard and upstream apps. */
    public static final String CALENDAR_EVENT_CHANGED = "calsync.calendar-event-changed.v1";

    /** Suffix of the dead-letter topic of each consumed topic. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    public static final String CALENDAR_CHANGE_NOTIFIED_DLT = CALENDAR_CHANGE_NOTIFIED + DEAD_LETTER_SUFFIX;
    public static final String SYNC_REQUESTED_DLT = SYNC_REQUESTED + DEAD_LETTER_SUFFIX;
    public static final String EVENT_COMMAND_DLT = EVENT_COMMAND + DEAD_LETTER_SUFFIX;
    public static final String EVENT_COMMAND_RESULT_DLT = EVENT_COMMAND_RESULT + DEAD_LETTER_SUFFIX;
    public static final String CALENDAR_EVENT_CHANGED_DLT = CALENDAR_EVENT_CHANGED + DEAD_LETTER_SUFFIX;

    /** The topics messages are published to. */
    public static final List<String> MAIN = List.of(
            CALENDAR_CHANGE_NOTIFIED, SYNC_REQUESTED, EVENT_COMMAND, EVENT_COMMAND_RESULT, CALENDAR_EVENT_CHANGED);

    /** Every topic, main and dead-letter, e.g. for creating them up front. */
    public static final List<String> ALL = List.of(
            CALENDAR_CHANGE_NOTIFIED,
            SYNC_REQUESTED,
            EVENT_COMMAND,
            EVENT_COMMAND_RESULT,
            CALENDAR_EVENT_CHANGED,
            CALENDAR_CHANGE_NOTIFIED_DLT,
            SYNC_REQUESTED_DLT,
            EVENT_COMMAND_DLT,
            EVENT_COMMAND_RESULT_DLT,
            CALENDAR_EVENT_CHANGED_DLT);

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private Topics() {}
}
