package com.madeup.calsync.model;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** One version of one message contract: its names, Java record, topic and JSON Schema. */
public record Contract(
        String type, // the wire type name, as in meta.type
        int version, // the major version, as in meta.version and the topic's .v<N> suffix
        Class<?> javaType, // the record (or sealed interface) it reads into
        String topic, // the Kafka topic carrying it
        String schemaResource) { // class-path resource of its JSON Schema (draft 2020-12), no leading slash

    public Contract {
        Require.notBlank(type, "Contract.type", MessageMeta.MAX_TYPE_LENGTH);
        Require.present(javaType, "Contract.javaType");
        Require.notBlank(topic, "Contract.topic", 249);
        Require.notBlank(schemaResource, "Contract.schemaResource", 300);
    }

    /** Opens the JSON Schema from this module's jar; the caller closes it. */
    public InputStream openSchema() {
        InputStream in = Contract.class.getClassLoader().getResourceAsStream(schemaResource);
        if (in == null) {
            throw new UncheckedIOException(new FileNotFoundException("no class-path resource " + schemaResource));
        }
        return in;
    }
}
