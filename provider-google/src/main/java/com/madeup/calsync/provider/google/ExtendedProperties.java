package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Discovery {@code Event.extendedProperties}: string maps only this copy ({@code private}) or every
 * copy ({@code shared}) sees.
 */
record ExtendedProperties(Map<String, String> privateProperties, Map<String, String> sharedProperties) {

    static ExtendedProperties read(JsonParser parser) {
        if (!WireJson.startObject(parser, "ExtendedProperties")) {
            return null;
        }
        Map<String, String> privateProperties = null;
        Map<String, String> sharedProperties = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "private" -> privateProperties = WireJson.stringMap(parser, name);
                case "shared" -> sharedProperties = WireJson.stringMap(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new ExtendedProperties(privateProperties, sharedProperties);
    }

    void write(JsonGenerator out) {
        out.writeStartObject();
        Wire.stringMap(out, "private", privateProperties);
        Wire.stringMap(out, "shared", sharedProperties);
        out.writeEndObject();
    }
}
