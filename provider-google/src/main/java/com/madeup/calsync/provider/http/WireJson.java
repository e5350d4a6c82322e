package com.madeup.calsync.provider.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * Tolerant reading of provider JSON with jackson-core's streaming parser, no data binding. Every
 * reader starts on the value's first token and leaves the parser on its last one (the scalar, or the
 * closing bracket), so a record's reader is a loop over {@link #nextMember} with a switch on the name
 * and {@code parser.skipChildren()} for names it does not know.
 *
 * <p>What is tolerated: unknown members (skipped whole, however deeply nested), any member missing,
 * {@code null} for any value (read as absent; null elements of arrays and maps are dropped), scalars
 * where a string is declared (int64 arrives as string or number, both read as the same text), and
 * numbers or booleans sent as strings. What is not: an object or array where a scalar belongs, and
 * the reverse; that throws a {@link StreamReadException}, which {@link HttpTransport} answers with
 * {@link ErrorKind#INVALID_RESPONSE}. Strings are read whole (jackson-core's limit is 100 million
 * characters per string).
 */
public final class WireJson {

    private WireJson() {}

    /**
     * Checks that the current token opens an object.
     *
     * @return false for {@code null} (the object is absent); true on {@code START_OBJECT}
     */
    public static boolean startObject(JsonParser parser, String type) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mismatch(parser, type, "an object");
    }

    /**
     * Moves to the next member of the current object and onto its value.
     *
     * @return the member's name, or null at the end of the object
     */
    public static String nextMember(JsonParser parser) {
        String name = parser.nextName();
        if (name != null) {
            parser.nextToken();
        }
        return name;
    }

    /** A string; numbers and booleans are read as their JSON text (int64 comes as either). */
    public static String string(JsonParser parser, String member) {
        return switch (parser.currentToken()) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getString();
            case VALUE_NULL -> null;
            default -> throw mismatch(parser, member, "a string");
        };
    }

    /** A boolean, or the string {@code "true"}/{@code "false"}. */
    public static Boolean bool(JsonParser parser, String member) {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_STRING -> {
                String text = parser.getString().strip();
                if (text.equals("true")) {
                    yield Boolean.TRUE;
                }
                if (text.equals("false")) {
                    yield Boolean.FALSE;
                }
                throw mismatch(parser, member, "a boolean");
            }
            default -> throw mismatch(parser, member, "a boolean");
        };
    }

    /** An int32 as a number or a string of digits. */
    public static Integer int32(JsonParser parser, String member) {
        Long value = int64(parser, member);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw mismatch(parser, member, "an int32");
        }
        return value.intValue();
    }

    /** An int64 as a number or a string of digits (Google's JSON sends int64 as strings). */
    public static Long int64(JsonParser parser, String member) {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NULL -> null;
            case VALUE_STRING -> {
                try {
                    yield Long.parseLong(parser.getString().strip());
                } catch (NumberFormatException notANumber) {
                    throw mismatch(parser, member, "an int64");
                }
            }
            default -> throw mismatch(parser, member, "an int64");
        };
    }

    /** An array of strings; null elements are dropped. */
    public static List<String> strings(JsonParser parser, String member) {
        return list(parser, member, element -> string(element, member));
    }

    /** An array read element by element; null elements are dropped. */
    public static <T> List<T> list(JsonParser parser, String member, BodyReader<T> element) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw mismatch(parser, member, "an array");
        }
        List<T> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            T value = element.read(parser);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** An object of string values, in the order sent; null values are dropped. */
    public static Map<String, String> stringMap(JsonParser parser, String member) {
        if (!startObject(parser, member)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name = nextMember(parser); name != null; name = nextMember(parser)) {
            String value = string(parser, member);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** The error for a value of the wrong shape; the message names the member, never its content. */
    public static StreamReadException mismatch(JsonParser parser, String member, String expected) {
        return new StreamReadException(
                parser, "'" + member + "': expected " + expected + ", got " + parser.currentToken());
    }
}
