package com.madeup.calsync.provider.http;

import tools.jackson.core.JsonGenerator;

/** Writes one request body with jackson-core's streaming generator. */
@FunctionalInterface
public interface BodyWriter {

    void write(JsonGenerator generator);
}
