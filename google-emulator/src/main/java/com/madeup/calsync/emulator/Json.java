package com.madeup.calsync.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one mapper of the emulator and small helpers over Jackson trees. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses a request body that must be a JSON object; anything else is Google's 400 parseError. */
    static ObjectNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // fall through to Google's parse error
        }
        throw ApiError.badRequest("parseError", "Parse Error");
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object whose last member is a pre-serialized array: used to splice cached item bytes. */
    static byte[] withItems(ObjectNode head, Iterable<byte[]> items) {
        byte[] headBytes = bytes(head);
        ByteArrayOutputStream out = new ByteArrayOutputStream(headBytes.length + 4096);
        out.write(headBytes, 0, headBytes.length - 1); // drop the closing brace
        out.writeBytes(head.isEmpty() ? utf8("\"items\":[") : utf8(",\"items\":["));
        boolean first = true;
        for (byte[] item : items) {
            if (!first) {
                out.write(',');
            }
            out.writeBytes(item);
            first = false;
        }
        out.writeBytes(utf8("]}"));
        return out.toByteArray();
    }
}
