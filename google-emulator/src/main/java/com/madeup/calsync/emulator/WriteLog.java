package com.madeup.calsync.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event writes the Calendar API accepted, each with the {@code sendUpdates} it asked for, for
 * {@code GET /emulator/writes}. The emulator sends no mail, so this is where a client's test sees
 * whom Google would have notified. Keeps the latest {@value #CAPACITY} writes.
 */
final class WriteLog {

    static final int CAPACITY = 10_000;

    /**
     * @param method the Discovery method id, e.g. {@code calendar.events.insert}
     * @param calendarId the calendar's id ({@code primary} resolved to the account's email)
     * @param eventId the written event (the new id on an insert)
     * @param sendUpdates the query parameter as received ({@code all}, {@code externalOnly},
     *     {@code none}), or null when the request had none
     */
    record Write(String method, String calendarId, String eventId, String sendUpdates) {}

    private final Deque<Write> writes = new ArrayDeque<>();

    synchronized void record(Write write) {
        if (writes.size() == CAPACITY) {
            writes.removeFirst();
        }
        writes.addLast(write);
    }

    /** {@code {"writes":[{"method","calendarId","eventId","sendUpdates"}, ...]}}, oldest first. */
    synchronized ObjectNode json() {
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("writes");
        for (Write write : writes) {
            ObjectNode item = items.addObject();
            item.put("method", write.method());
            item.put("calendarId", write.calendarId());
            item.put("eventId", write.eventId());
            if (write.sendUpdates() == null) {
                item.putNull("sendUpdates");
            } else {
                item.put("sendUpdates", write.sendUpdates());
            }
        }
        return out;
    }

    synchronized void clear() {
        writes.clear();
    }
}
