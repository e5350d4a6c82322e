package com.madeup.calsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @TempDir
    Path temp;

    @Test
    void secretsAreGeneratedOnceOwnerOnlyAndReusedAfterwards() throws Exception {
        Path file = temp.resolve("secrets.properties");

        LocalSecrets first = LocalSecrets.loadOrCreate(file, new SecureRandom());
        LocalSecrets second = LocalSecrets.loadOrCreate(file, new SecureRandom());

        assertThat(Base64.getDecoder().decode(first.tokenEncryptionKey().value()))
                .hasSize(32);
        assertThat(first.googleClientSecret().value()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.tokenEncryptionKey().value());
    }

    @Test
    void looserPermissionsAreTightenedOnLoad() throws Exception {
        Path file = temp.resolve("secrets.properties");
        LocalSecrets.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        LocalSecrets.loadOrCreate(file, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void freshWipesTheDataFolderButRefusesAFolderTheLauncherDidNotCreate() throws Exception {
        DataFolder data = new DataFolder(temp.resolve("stack")).prepare(false);
        Files.writeString(data.logs().resolve("kafka.log"), "old");

        new DataFolder(data.root()).prepare(true);

        assertThat(data.logs().resolve("kafka.log")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root())))
                .isEqualTo("rwx------");

        Path foreign = Files.createDirectories(temp.resolve("home"));
        Files.writeString(foreign.resolve("thesis.txt"), "precious");
        assertThatThrownBy(() -> new DataFolder(foreign).prepare(true)).hasMessageContaining("refusing --fresh");
        assertThat(foreign.resolve("thesis.txt")).exists();
    }
}
