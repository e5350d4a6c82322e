package com.madeup.calsync.provider.http;

import tools.jackson.core.JsonParser;

/**
 * Reads one JSON value with jackson-core's streaming parser (see {@link WireJson} for the tolerant
 * building blocks). The parser stands on the value's first token; the reader leaves it on the last.
 *
 * <p>A reader throws {@link tools.jackson.core.JacksonException} for JSON of the wrong shape, and
 * {@link IllegalArgumentException} or {@link java.time.DateTimeException} for a value the provider
 * never sends (an event without id, an unreadable timestamp); {@link HttpTransport} answers both
 * with {@link ErrorKind#INVALID_RESPONSE}.
 */
@FunctionalInterface
public interface BodyReader<T> {

    T read(JsonParser parser);
}
