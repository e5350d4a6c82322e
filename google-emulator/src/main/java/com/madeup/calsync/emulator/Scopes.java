package com.madeup.calsync.emulator;

import java.util.Map;
import java.util.Set;

/** Which OAuth scopes each Calendar method accepts, as the Discovery document lists them. */
final class Scopes {

    static final String PREFIX = "https://www.googleapis.com/auth/";

    private static final Set<String> CALENDAR_LIST_READ =
            Set.of("calendar", "calendar.calendarlist", "calendar.calendarlist.readonly", "calendar.readonly");
    private static final Set<String> CALENDAR_LIST_GET = Set.of(
            "calendar",
            "calendar.app.created",
            "calendar.calendarlist",
            "calendar.calendarlist.readonly",
            "calendar.readonly");
    private static final Set<String> CALENDARS_GET = Set.of(
            "calendar",
            "calendar.app.created",
            "calendar.calendars",
            "calendar.calendars.readonly",
            "calendar.readonly");
    private static final Set<String> EVENTS_READ = Set.of(
            "calendar",
            "calendar.app.created",
            "calendar.events",
            "calendar.events.freebusy",
            "calendar.events.owned",
            "calendar.events.owned.readonly",
            "calendar.events.public.readonly",
            "calendar.events.readonly",
            "calendar.readonly");
    private static final Set<String> EVENTS_WRITE =
            Set.of("calendar", "calendar.app.created", "calendar.events", "calendar.events.owned");
    private static final Set<String> ANY_CALENDAR = Set.of(
            "calendar",
            "calendar.acls",
            "calendar.acls.readonly",
            "calendar.app.created",
            "calendar.calendarlist",
            "calendar.calendarlist.readonly",
            "calendar.events",
            "calendar.events.freebusy",
            "calendar.events.owned",
            "calendar.events.owned.readonly",
            "calendar.events.public.readonly",
            "calendar.events.readonly",
            "calendar.readonly",
            "calendar.settings.readonly");

    /** Every scope the admin API's tokens carry. */
    static final Set<String> ALL = Set.of(
            PREFIX + "calendar",
            PREFIX + "calendar.events",
            PREFIX + "calendar.readonly",
            PREFIX + "calendar.events.readonly",
            PREFIX + "calendar.calendarlist.readonly");

    private static final Map<String, Set<String>> BY_METHOD = Map.ofEntries(
            Map.entry("calendar.calendarList.list", CALENDAR_LIST_READ),
            Map.entry("calendar.calendarList.watch", CALENDAR_LIST_READ),
            Map.entry("calendar.calendarList.get", CALENDAR_LIST_GET),
            Map.entry("calendar.calendars.get", CALENDARS_GET),
            Map.entry("calendar.events.list", EVENTS_READ),
            Map.entry("calendar.events.get", EVENTS_READ),
            Map.entry("calendar.events.watch", EVENTS_READ),
            Map.entry("calendar.events.instances", EVENTS_READ),
            Map.entry("calendar.events.insert", EVENTS_WRITE),
            Map.entry("calendar.events.patch", EVENTS_WRITE),
            Map.entry("calendar.events.update", EVENTS_WRITE),
            Map.entry("calendar.events.delete", EVENTS_WRITE),
            Map.entry("calendar.channels.stop", ANY_CALENDAR));

    private Scopes() {}

    static boolean allows(Set<String> granted, String methodId) {
        Set<String> accepted = BY_METHOD.getOrDefault(methodId, ANY_CALENDAR);
        for (String scope : granted) {
            if (scope.startsWith(PREFIX) && accepted.contains(scope.substring(PREFIX.length()))) {
                return true;
            }
        }
        return false;
    }
}
