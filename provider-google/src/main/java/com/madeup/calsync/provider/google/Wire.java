package com.madeup.calsync.provider.google;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** Writing Google JSON: a member is written only when it has a value, so a patch sends only what is set. */
final class Wire {

    private Wire() {}

    static void string(JsonGenerator out, String name, String value) {
        if (value != null) {
            out.writeStringProperty(name, value);
        }
    }

    static void bool(JsonGenerator out, String name, Boolean value) {
        if (value != null) {
            out.writeBooleanProperty(name, value);
        }
    }

    static void strings(JsonGenerator out, String name, List<String> values) {
        if (values == null) {
            return;
        }
        out.writeArrayPropertyStart(name);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    static void stringMap(JsonGenerator out, String name, Map<String, String> values) {
        if (values == null) {
            return;
        }
        out.writeObjectPropertyStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            out.writeStringProperty(entry.getKey(), entry.getValue());
        }
        out.writeEndObject();
    }
}
