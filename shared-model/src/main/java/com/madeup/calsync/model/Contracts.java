package com.madeup.calsync.model;

import java.util.List;
import java.util.Optional;

/** Every message contract calsync has, with its version, record, topic and schema. */
public final class Contracts {

    public static final Contract CALENDAR_CHANGE_NOTIFIED_V1 =
            v1(CalendarChangeNotified.TYPE, CalendarChangeNotified.class, Topics.CALENDAR_CHANGE_NOTIFIED);
    public static final Contract SYNC_REQUESTED_V1 = v1(SyncRequested.TYPE, SyncRequested.class, Topics.SYNC_REQUESTED);
    public static final Contract EVENT_COMMAND_V1 = v1(EventCommand.TYPE, EventCommand.class, Topics.EVENT_COMMAND);
    public static final Contract EVENT_COMMAND_RESULT_V1 =
            v1(EventCommandResult.TYPE, EventCommandResult.class, Topics.EVENT_COMMAND_RESULT);
    public static final Contract CALENDAR_EVENT_CHANGED_V1 =
            v1(CalendarEventChanged.TYPE, CalendarEventChanged.class, Topics.CALENDAR_EVENT_CHANGED);

    /** Every contract version, in topic order. */
    public static final List<Contract> ALL = List.of(
            CALENDAR_CHANGE_NOTIFIED_V1,
            SYNC_REQUESTED_V1,
            EVENT_COMMAND_V1,
            EVENT_COMMAND_RESULT_V1,
            CALENDAR_EVENT_CHANGED_V1);

    /** The contract with this type name and major version, if there is one. */
    public static Optional<Contract> find(String type, int version) {
        return ALL.stream()
                .filter(c -> c.type().equals(type) && c.version() == version)
                .findFirst();
    }

    /** The class-path resource of a contract version's JSON Schema. */
    public static String schemaResource(String type, int version) {
        return "schemas/" + type + "/v" + version + ".schema.json";
    }

    private static Contract v1(String type, Class<?> javaType, String topic) {
        return new Contract(type, 1, javaType, topic, schemaResource(type, 1));
    }

    private Contracts() {}
}
