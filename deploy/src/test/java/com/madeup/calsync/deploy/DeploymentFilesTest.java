package com.madeup.calsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker), so at least keep it in step with the code: the topics
 * it creates and the configuration contract it passes.
 */
class DeploymentFilesTest {

    private static final Path REPO = Path.of("..");

    @Test
    void composeCreatesEveryTopicOfTheSharedModel() throws IOException {
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));

        for (String topic : Topics.ALL) {
            assertThat(compose).as(topic).containsPattern("\\s" + java.util.regex.Pattern.quote(topic) + "[\\s;]");
        }
    }

    @Test
    void composeAndTheLauncherPassTheSameConfigurationContract() throws IOException {
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));
        String envExample = Files.readString(REPO.resolve(".env.example"));
        List<String> contract = List.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                "SPRING_DATASOURCE_URL",
                "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD",
                "CALSYNC_STORE_TOKEN_ENCRYPTION_KEY",
                "CALSYNC_GOOGLE_API_BASE_URL",
                "CALSYNC_GOOGLE_AUTH_URL",
                "CALSYNC_GOOGLE_TOKEN_URL",
                "CALSYNC_GOOGLE_REVOKE_URL",
                "CALSYNC_GOOGLE_CLIENT_ID",
                "CALSYNC_GOOGLE_CLIENT_SECRET",
                "CALSYNC_WORKER_CHANNELS_WEBHOOK_URL",
                "CALSYNC_DASHBOARD_PUBLIC_URL");

        for (String variable : contract) {
            assertThat(compose).contains(variable + ":");
        }
        contract.stream()
                .filter(variable -> variable.startsWith("CALSYNC_"))
                .forEach(variable -> assertThat(envExample).contains(variable + "="));
        assertThat(new AppEnvironment(
                                StackOptions.parse(List.of(), java.util.Map.of(), Path.of("/repo")),
                                "127.0.0.1:9092",
                                new DatabaseAccess(
                                        "jdbc:postgresql://127.0.0.1:5433/calsync", "calsync", new Secret("p")),
                                new LocalSecrets(new Secret("k"), new Secret("c"), new Secret("p")),
                                "http://127.0.0.1:8089",
                                java.util.Map.of())
                        .forApp(new App("dashboard", 8080, 160)))
                .containsKeys(contract.toArray(String[]::new))
                .containsEntry("CALSYNC_GOOGLE_AUTH_URL", "http://127.0.0.1:8089/o/oauth2/v2/auth")
                .containsEntry("CALSYNC_GOOGLE_TOKEN_URL", "http://127.0.0.1:8089/token")
                .containsEntry("CALSYNC_GOOGLE_REVOKE_URL", "http://127.0.0.1:8089/revoke")
                .containsEntry(
                        "CALSYNC_WORKER_CHANNELS_WEBHOOK_URL",
                        "http://127.0.0.1:8081/api/calendar/notifications/create")
                .containsEntry("CALSYNC_DASHBOARD_PUBLIC_URL", "http://127.0.0.1:8080")
                .containsEntry("SERVER_PORT", "8080");
    }

    @Test
    void noSecretValuesInTheCommittedEnvironmentTemplate() throws IOException {
        for (String line : Files.readAllLines(REPO.resolve(".env.example"))) {
            if (line.startsWith("POSTGRES_PASSWORD=")
                    || line.startsWith("CALSYNC_STORE_TOKEN_ENCRYPTION_KEY=")
                    || line.startsWith("CALSYNC_GOOGLE_CLIENT_SECRET=")) {
                assertThat(line).endsWith("=");
            }
        }
    }
}
