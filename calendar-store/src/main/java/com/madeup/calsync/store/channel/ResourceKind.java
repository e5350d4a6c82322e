package com.madeup.calsync.store.channel;

/** What a push channel watches. */
public enum ResourceKind {
    /** {@code events.watch} on one calendar. */
    EVENTS("events"),
    /** {@code calendarList.watch} on the account. */
    CALENDAR_LIST("calendar_list");

    private final String databaseValue;

    ResourceKind(String databaseValue) {
        this.databaseValue = databaseValue;
    }

    public String databaseValue() {
        return databaseValue;
    }

    static ResourceKind fromDatabase(String value) {
        for (ResourceKind kind : values()) {
            if (kind.databaseValue.equals(value)) {
                return kind;
            }
        }
        throw new IllegalStateException("Unknown resource_kind in calendar_subscriptions: " + value);
    }
}
