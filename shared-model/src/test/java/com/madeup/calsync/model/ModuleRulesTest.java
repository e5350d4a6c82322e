package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the module's main code must not contain: it is shared by every app and by upstream readers,
 * so no Spring, no Kafka, no Jackson databind, and no hidden clock or id generation.
 */
class ModuleRulesTest {

    private static final List<String> FORBIDDEN = List.of(
            "import org.springframework",
            "import org.apache.kafka",
            "import tools.jackson",
            "Instant.now(",
            "UUID.randomUUID(");

    @Test
    void mainCodeUsesNoFrameworkAndNoHiddenClockOrIds() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("scanned sources").hasSizeGreaterThan(30);

        for (Path source : sources) {
            String code = Files.readString(source);
            for (String forbidden : FORBIDDEN) {
                assertThat(code).as(source + " must not contain " + forbidden).doesNotContain(forbidden);
            }
        }
    }
}
