package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Discovery {@code Channel}: the body of watch and stop requests and of the watch answer.
 * {@code expiration} is int64 milliseconds, which Google sends as a JSON string (its docs show a
 * number): it is read as the text of either.
 */
record Channel(
        String kind,
        String id,
        String resourceId,
        String resourceUri,
        String token,
        String expiration,
        String type,
        String address,
        Map<String, String> params) {

    static Channel watch(String id, String address, String token, Map<String, String> params) {
        return new Channel(null, id, null, null, token, null, "web_hook", address, params);
    }

    static Channel stop(String id, String resourceId) {
        return new Channel(null, id, resourceId, null, null, null, null, null, null);
    }

    static Channel read(JsonParser parser) {
        if (!WireJson.startObject(parser, "Channel")) {
            return null;
        }
        String kind = null;
        String id = null;
        String resourceId = null;
        String resourceUri = null;
        String token = null;
        String expiration = null;
        String type = null;
        String address = null;
        Map<String, String> params = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "kind" -> kind = WireJson.string(parser, name);
                case "id" -> id = WireJson.string(parser, name);
                case "resourceId" -> resourceId = WireJson.string(parser, name);
                case "resourceUri" -> resourceUri = WireJson.string(parser, name);
                case "token" -> token = WireJson.string(parser, name);
                case "expiration" -> {
                    Long millis = WireJson.int64(parser, name);
                    expiration = millis == null ? null : millis.toString();
                }
                case "type" -> type = WireJson.string(parser, name);
                case "address" -> address = WireJson.string(parser, name);
                case "params" -> params = WireJson.stringMap(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new Channel(kind, id, resourceId, resourceUri, token, expiration, type, address, params);
    }

    void write(JsonGenerator out) {
        out.writeStartObject();
        Wire.string(out, "kind", kind);
        Wire.string(out, "id", id);
        Wire.string(out, "resourceId", resourceId);
        Wire.string(out, "resourceUri", resourceUri);
        Wire.string(out, "token", token);
        Wire.string(out, "expiration", expiration);
        Wire.string(out, "type", type);
        Wire.string(out, "address", address);
        Wire.stringMap(out, "params", params);
        out.writeEndObject();
    }

    @Override
    public String toString() {
        return "Channel[id=" + id + ", resourceId=" + resourceId + ", token=" + (token == null ? "null" : "[redacted]")
                + ", expiration=" + expiration + "]";
    }
}
