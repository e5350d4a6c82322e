package com.madeup.calsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    private static final Path REPO = Path.of("/repo");

    private static StackOptions parse(List<String> args, Map<String, String> env) {
        return StackOptions.parse(args, env, REPO);
    }

    @Test
    void defaultsAreTheDocumentedPortsAndTheDataFolderInTheRepository() {
        StackOptions options = parse(List.of(), Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(options.postgresPort()).isEqualTo(5433);
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.kafkaControllerPort()).isEqualTo(9093);
        assertThat(options.emulatorPort()).isEqualTo(8089);
        assertThat(options.dashboardPort()).isEqualTo(8080);
        assertThat(options.ingressPort()).isEqualTo(8081);
        assertThat(options.workerPort()).isEqualTo(8082);
        assertThat(options.writerPort()).isEqualTo(8083);
        assertThat(options.partitions()).isEqualTo(3);
        assertThat(options.google()).isEqualTo(StackOptions.GoogleMode.EMULATOR);
        assertThat(options.startApps()).isTrue();
        assertThat(options.fresh()).isFalse();
        assertThat(options.externalDatabase()).isEmpty();
        assertThat(options.readyTimeout()).isEqualTo(Duration.ofSeconds(240));
        assertThat(options.emulatorAutoConsent()).isFalse();
    }

    @Test
    void emulatorConsentPageCanBeSkipped() {
        assertThat(parse(List.of("--emulator-consent=auto"), Map.of()).emulatorAutoConsent())
                .isTrue();
        assertThat(parse(List.of(), Map.of("CALSYNC_LOCAL_EMULATOR_CONSENT", "auto"))
                        .emulatorAutoConsent())
                .isTrue();
        assertThatThrownBy(() -> parse(List.of("--emulator-consent=maybe"), Map.of()))
                .hasMessageContaining("--emulator-consent must be 'page' or 'auto'");
    }

    @Test
    void flagsTakeAValueAfterAnEqualsSignOrAsTheNextArgument() {
        StackOptions options = parse(
                List.of("--kafka-port=19092", "--dashboard-port", "18080", "--fresh", "--no-apps", "--partitions=6"),
                Map.of());

        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.dashboardPort()).isEqualTo(18080);
        assertThat(options.fresh()).isTrue();
        assertThat(options.startApps()).isFalse();
        assertThat(options.partitions()).isEqualTo(6);
    }

    @Test
    void environmentVariablesSetValuesAndFlagsWinOverThem() {
        StackOptions options = parse(
                List.of("--kafka-port=19092"),
                Map.of("CALSYNC_LOCAL_KAFKA_PORT", "29092", "CALSYNC_LOCAL_POSTGRES_PORT", "25433"));

        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.postgresPort()).isEqualTo(25433);
    }

    @Test
    void aRelativeDataFolderIsResolvedAgainstTheWorkingDirectory() {
        StackOptions options = parse(List.of("--data-dir=tmp/stack"), Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("tmp/stack"));
    }

    @Test
    void anExternalDatabaseKeepsItsPasswordOutOfToString() {
        StackOptions options = parse(
                List.of("--database-url=jdbc:postgresql://db:5432/calsync", "--database-user=app"),
                Map.of("CALSYNC_LOCAL_DATABASE_PASSWORD", "s3cret"));

        StackOptions.ExternalDatabase database = options.externalDatabase().orElseThrow();
        assertThat(database.url()).isEqualTo("jdbc:postgresql://db:5432/calsync");
        assertThat(database.user()).isEqualTo("app");
        assertThat(database.password().value()).isEqualTo("s3cret");
        assertThat(options.toString()).doesNotContain("s3cret");
        assertThat(options.listeningPorts()).doesNotContainKey("postgres-port");
    }

    @Test
    void badInputIsRejectedWithAMessageNamingTheFlag() {
        assertThatThrownBy(() -> parse(List.of("--kafka-port=ninety"), Map.of()))
                .isInstanceOf(StackOptions.InvalidOptionException.class)
                .hasMessageContaining("--kafka-port")
                .hasMessageContaining("ninety");
        assertThatThrownBy(() -> parse(List.of("--kafka-port=70000"), Map.of()))
                .hasMessageContaining("--kafka-port must be a port number");
        assertThatThrownBy(() -> parse(List.of("--kafak-port=9092"), Map.of()))
                .hasMessageContaining("unknown flag --kafak-port");
        assertThatThrownBy(() -> parse(List.of("--kafka-port"), Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse(List.of("--fresh=yes"), Map.of())).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> parse(List.of("fresh"), Map.of())).hasMessageContaining("unexpected argument");
        assertThatThrownBy(() -> parse(List.of("--google=bing"), Map.of())).hasMessageContaining("--google");
        assertThatThrownBy(() -> parse(List.of("--partitions=0"), Map.of())).hasMessageContaining("--partitions");
        assertThatThrownBy(() -> parse(List.of("--database-url=postgres://x"), Map.of()))
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> parse(List.of("--seed-only"), Map.of())).hasMessageContaining("--database-url");
        assertThatThrownBy(() -> parse(List.of(), Map.of("CALSYNC_LOCAL_WORKER_PORT", "x")))
                .hasMessageContaining("--worker-port");
    }

    @Test
    void twoPartsOnOnePortAreRejected() {
        assertThatThrownBy(() -> parse(List.of("--dashboard-port=9092"), Map.of()))
                .isInstanceOf(StackOptions.InvalidOptionException.class)
                .hasMessageContaining("--kafka-port")
                .hasMessageContaining("--dashboard-port");
    }

    @Test
    void appPortsMayOverlapWhenAppsAreNotStarted() {
        StackOptions options = parse(List.of("--no-apps", "--dashboard-port=9092"), Map.of());

        assertThat(options.listeningPorts()).doesNotContainKey("dashboard-port");
    }

    @Test
    void usageListsEveryFlagWithItsEnvironmentVariable() {
        String usage = StackOptions.usage();

        assertThat(usage).contains("--kafka-port=PORT", "[CALSYNC_LOCAL_KAFKA_PORT]", "--fresh", "--no-apps");
        assertThat(StackOptions.wantsHelp(List.of("--help"))).isTrue();
    }
}
