package com.madeup.calsync.model;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: the golden fixtures, a plain Jackson 3 mapper and the contracts' JSON Schemas. */
final class ContractJson {

    /** Jackson 3 with every default, as a non-Spring consumer would build it. */
    static final JsonMapper PLAIN = JsonMapper.builder().build();

    /**
     * A mapper that fails on unknown properties (Jackson 3's default does not), to prove the
     * records themselves ignore them, whatever a consumer's mapper does.
     */
    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Pattern FIXTURE_NAME = Pattern.compile("v(\\d+)(-[a-z0-9-]+)?\\.json");

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Map<Contract, Schema> SCHEMA_CACHE = new ConcurrentHashMap<>();

    /** One golden fixture file: contracts/<type>/v<N>[-variant].json. */
    record Fixture(Contract contract, Path path) {

        String json() {
            try {
                return Files.readString(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode tree() {
            return PLAIN.readTree(json());
        }

        @Override
        public String toString() {
            return contract.type() + "/" + path.getFileName();
        }
    }

    static List<Fixture> fixtures() {
        Path root = resourceDirectory("contracts");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(file -> {
                        String type = file.getParent().getFileName().toString();
                        Matcher name = FIXTURE_NAME.matcher(file.getFileName().toString());
                        if (!name.matches()) {
                            throw new IllegalStateException("fixture name must be v<N>[-variant].json: " + file);
                        }
                        int version = Integer.parseInt(name.group(1));
                        Contract contract = Contracts.find(type, version)
                                .orElseThrow(() -> new IllegalStateException("no contract " + type + " v" + version));
                        return new Fixture(contract, file);
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fixture fixture(String type, String fileName) {
        return fixtures().stream()
                .filter(f -> f.contract().type().equals(type)
                        && f.path().getFileName().toString().equals(fileName))
                .findFirst()
                .orElseThrow();
    }

    static Schema schema(Contract contract) {
        return SCHEMA_CACHE.computeIfAbsent(contract, c -> {
            try (InputStream in = c.openSchema()) {
                return SCHEMAS.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The schema's complaints about {@code json}, as readable strings; empty when it is valid. */
    static List<String> schemaErrors(Contract contract, JsonNode json) {
        return schema(contract).validate(json).stream().map(Error::toString).toList();
    }

    static JsonNode schemaTree(Contract contract) {
        try (InputStream in = contract.openSchema()) {
            return PLAIN.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resourceDirectory(String name) {
        try {
            return Path.of(ContractJson.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ContractJson() {}
}
