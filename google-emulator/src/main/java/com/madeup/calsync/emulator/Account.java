package com.madeup.calsync.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An emulated Google account and its calendar list. Mutable; guarded by the state lock. */
final class Account {

    final String email;
    String displayName;
    final Map<String, ListEntry> calendarList = new LinkedHashMap<>();
    /** Bumped by sync-token invalidation of the calendar list. */
    long listTokenEpoch;

    Account(String email, String displayName) {
        this.email = email;
        this.displayName = displayName;
    }

    /** One calendarList entry: how this account sees a calendar. */
    static final class ListEntry {
        final String calendarId;
        String accessRole;
        boolean primary;
        boolean deleted;
        boolean hidden;
        long seq;
        long stamp;
        String colorId = "14";

        ListEntry(String calendarId, String accessRole, boolean primary) {
            this.calendarId = calendarId;
            this.accessRole = accessRole;
            this.primary = primary;
        }

        boolean canWrite() {
            return !deleted && ("owner".equals(accessRole) || "writer".equals(accessRole));
        }
    }
}
