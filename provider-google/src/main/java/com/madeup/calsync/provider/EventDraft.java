package com.madeup.calsync.provider;

import java.util.List;
import java.util.Map;

/**
 * The fields to write on insert, update or patch. A null field is not sent: on a patch it stays as
 * it is at the provider, on an update it falls back to the provider's default. To clear a text,
 * send an empty string; to remove all guests, an empty list.
 *
 * @param id only on insert: a client-chosen id ({@link EventIds#newId()}), so a retried insert fails
 *     with CONFLICT instead of creating a duplicate
 */
public record EventDraft(
        String id,
        EventStatus status,
        String summary,
        String description,
        String location,
        EventTime start,
        EventTime end,
        List<String> recurrence,
        List<ProviderAttendee> attendees,
        Map<String, String> privateProperties,
        Map<String, String> sharedProperties) {

    public EventDraft {
        recurrence = recurrence == null ? null : List.copyOf(recurrence);
        attendees = attendees == null ? null : List.copyOf(attendees);
        privateProperties = privateProperties == null ? null : Map.copyOf(privateProperties);
        sharedProperties = sharedProperties == null ? null : Map.copyOf(sharedProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fills in only what is set. */
    public static final class Builder {
        private String id;
        private EventStatus status;
        private String summary;
        private String description;
        private String location;
        private EventTime start;
        private EventTime end;
        private List<String> recurrence;
        private List<ProviderAttendee> attendees;
        private Map<String, String> privateProperties;
        private Map<String, String> sharedProperties;

        private Builder() {}

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder status(EventStatus value) {
            status = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder location(String value) {
            location = value;
            return this;
        }

        public Builder start(EventTime value) {
            start = value;
            return this;
        }

        public Builder end(EventTime value) {
            end = value;
            return this;
        }

        public Builder recurrence(List<String> value) {
            recurrence = value;
            return this;
        }

        public Builder attendees(List<ProviderAttendee> value) {
            attendees = value;
            return this;
        }

        public Builder privateProperties(Map<String, String> value) {
            privateProperties = value;
            return this;
        }

        public Builder sharedProperties(Map<String, String> value) {
            sharedProperties = value;
            return this;
        }

        public EventDraft build() {
            return new EventDraft(
                    id,
                    status,
                    summary,
                    description,
                    location,
                    start,
                    end,
                    recurrence,
                    attendees,
                    privateProperties,
                    sharedProperties);
        }
    }
}
