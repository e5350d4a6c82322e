package com.madeup.calsync.ingress.command;

import java.util.UUID;

/** Event-command JSON as an upstream app sends it (the contract's wire form). */
final class CommandJson {

    private CommandJson() {}

    static String create(UUID connectionId, UUID commandId, String summary) {
        return """
                {
                  "action": "create",
                  "meta": {
                    "messageId": "%s",
                    "type": "event-command",
                    "version": 1,
                    "occurredAt": "2026-11-24T10:02:11.538Z",
                    "connectionId": "%s"
                  },
                  "commandId": "%s",
                  "actor": { "userId": 42, "via": "dashboard" },
                  "calendarId": "anna.berger@madeup.example",
                  "draft": {
                    "summary": "%s",
                    "start": { "dateTime": "2027-06-15T10:00:00+02:00", "timeZone": "Europe/Berlin" },
                    "end": { "dateTime": "2027-06-15T11:30:00+02:00", "timeZone": "Europe/Berlin" },
                    "invitees": []
                  }
                }
                """.formatted(UUID.randomUUID(), connectionId, commandId, summary);
    }

    static String delete(UUID connectionId, UUID commandId) {
        return """
                {
                  "action": "delete",
                  "meta": {
                    "messageId": "%s",
                    "type": "event-command",
                    "version": 1,
                    "occurredAt": "2026-11-24T10:02:11.538Z",
                    "connectionId": "%s"
                  },
                  "commandId": "%s",
                  "actor": { "userId": 42, "via": "dashboard" },
                  "calendarId": "anna.berger@madeup.example",
                  "eventId": "abcdef12345"
                }
                """.formatted(UUID.randomUUID(), connectionId, commandId);
    }
}
