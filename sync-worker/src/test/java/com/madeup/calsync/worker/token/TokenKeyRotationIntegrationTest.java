package com.madeup.calsync.worker.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.provider.spring.GoogleClientAutoConfiguration;
import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.store.token.SecretToken;
import com.madeup.calsync.store.token.StoredTokens;
import com.madeup.calsync.store.token.TokenCipher;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import com.madeup.calsync.worker.channel.PassLock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Step 3 of a key rotation against real PostgreSQL: rows under the old key move to the new one. */
@SpringBootTest(
        classes = TokenKeyRotationIntegrationTest.RotationTestApplication.class,
        properties = {
            "calsync.store.token-encryption.key=" + TokenKeyRotationIntegrationTest.NEW_KEY,
            "calsync.store.token-encryption.previous-keys=" + TokenKeyRotationIntegrationTest.OLD_KEY,
            "calsync.worker.token-reencryption.enabled=false" // the test runs it, not the start
        })
@CalsyncEmbeddedKafka
class TokenKeyRotationIntegrationTest {

    static final String NEW_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String OLD_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    /** The first byte of SHA-256 of each raw key: the key id every ciphertext carries in its second byte. */
    private static final int NEW_KEY_ID = 62;

    private static final int OLD_KEY_ID = 75;

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = GoogleClientAutoConfiguration.class) // no Google call here
    @Import(TokenKeyRotationConfiguration.class)
    static class RotationTestApplication {}

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
    }

    @Autowired
    TokenKeyRotation rotation;

    @Autowired
    OAuthTokenStore tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void rowsUnderTheOldKeyAreRewrittenUnderTheNewOneOnceAndOnlyByOneInstance() throws Exception {
        UUID connection = tokensUnderTheOldKey("access-1", "refresh-1");
        assertThat(keyIds(connection)).containsExactly(OLD_KEY_ID, OLD_KEY_ID);

        assertThat(rotation.reencryptOnce()).isEqualTo(1);

        assertThat(keyIds(connection)).containsExactly(NEW_KEY_ID, NEW_KEY_ID);
        StoredTokens readWithNewKeyOnly = store(NEW_KEY).find(connection).orElseThrow();
        assertThat(readWithNewKeyOnly.accessToken().reveal()).isEqualTo("access-1");
        assertThat(readWithNewKeyOnly.refreshToken().reveal()).isEqualTo("refresh-1");
        assertThat(rotation.reencryptOnce())
                .as("nothing left under the old key")
                .isZero();

        UUID another = tokensUnderTheOldKey("access-2", "refresh-2");
        try (Connection other = dataSource.getConnection()) {
            assertThat(advisoryLock(other, "pg_try_advisory_lock")).isTrue(); // another instance is at it
            assertThat(rotation.reencryptOnce()).isEqualTo(TokenKeyRotation.SKIPPED);
            assertThat(keyIds(another)).containsExactly(OLD_KEY_ID, OLD_KEY_ID);
            advisoryLock(other, "pg_advisory_unlock");
        }

        Thread atStart = rotation.startInBackground();
        assertThat(atStart.join(Duration.ofSeconds(20))).isTrue();
        assertThat(keyIds(another)).containsExactly(NEW_KEY_ID, NEW_KEY_ID);
        assertThat(tokens.find(another).orElseThrow().accessToken().reveal()).isEqualTo("access-2");
    }

    /** A connection whose tokens an app still on the old key wrote. */
    private UUID tokensUnderTheOldKey(String access, String refresh) {
        long userId = jdbc.queryForObject(
                "INSERT INTO users (email, display_name) VALUES (?, 'Rotating') RETURNING id",
                Long.class,
                "rotate-" + UUID.randomUUID() + "@example.com");
        UUID connection = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO provider_connections (id, user_id, provider, account_email) VALUES (?, ?, 'google', ?)",
                connection,
                userId,
                "acct@example.com");
        store(OLD_KEY)
                .save(
                        connection,
                        userId,
                        SecretToken.of(access),
                        SecretToken.of(refresh),
                        Instant.now().plusSeconds(3600),
                        "https://www.googleapis.com/auth/calendar");
        return connection;
    }

    private OAuthTokenStore store(String currentKey) {
        return new OAuthTokenStore(
                jdbc, new TokenCipher(SecretToken.of(currentKey), List.of(), new SecureRandom()), Clock.systemUTC());
    }

    private List<Integer> keyIds(UUID connection) {
        return jdbc.queryForObject(
                "SELECT get_byte(access_token, 1), get_byte(refresh_token, 1) FROM oauth2_tokens"
                        + " WHERE connection_id = ?",
                (row, i) -> List.of(row.getInt(1), row.getInt(2)),
                connection);
    }

    private static boolean advisoryLock(Connection connection, String function) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            statement.setInt(1, PassLock.NAMESPACE);
            statement.setInt(2, PassLock.TOKEN_REENCRYPTION);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
