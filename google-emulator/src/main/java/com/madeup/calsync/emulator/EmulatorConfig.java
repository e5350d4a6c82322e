package com.madeup.calsync.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one emulator instance. Start from {@link #defaults()} and change what a test needs with
 * the {@code with...} methods; {@code port 0} picks an ephemeral port.
 *
 * @param bindAddress interface to listen on (loopback by default)
 * @param port TCP port; 0 = ephemeral
 * @param publicUrl base URL advertised in resourceUri and push headers; null = the bound address
 * @param seedFile JSON seed loaded at start (see README), or null
 * @param demo load the built-in demo seed
 * @param autoConsent the OAuth auth endpoint redirects at once instead of showing the consent page
 * @param accessTokenTtl lifetime of access tokens
 * @param quotaPerUserPerMinute per-user sliding one-minute request limit; 0 = off
 * @param quotaStatus status of a quota rejection: 403 (Google's classic answer), 429, or 0 to alternate
 * @param clients accepted OAuth clients (id to secret); empty = accept any id and secret
 * @param pushRetryInitialDelay first back-off delay for a webhook answering 500/502/503/504
 * @param pushMaxAttempts attempts per push message, the first included
 * @param pushTimeout connect and response timeout of one webhook delivery
 * @param clock time source for tokens, etags, expirations and quota windows
 */
public record EmulatorConfig(
        String bindAddress,
        int port,
        URI publicUrl,
        Path seedFile,
        boolean demo,
        boolean autoConsent,
        Duration accessTokenTtl,
        int quotaPerUserPerMinute,
        int quotaStatus,
        Map<String, String> clients,
        Duration pushRetryInitialDelay,
        int pushMaxAttempts,
        Duration pushTimeout,
        Clock clock) {

    public static final int DEFAULT_PORT = 8089;

    public EmulatorConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(pushRetryInitialDelay, "pushRetryInitialDelay");
        Objects.requireNonNull(pushTimeout, "pushTimeout");
        Objects.requireNonNull(clock, "clock");
        clients = Map.copyOf(clients == null ? Map.of() : clients);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (quotaPerUserPerMinute < 0) {
            throw new IllegalArgumentException("quotaPerUserPerMinute must be >= 0");
        }
        if (quotaStatus != 403 && quotaStatus != 429 && quotaStatus != 0) {
            throw new IllegalArgumentException("quotaStatus must be 403, 429 or 0 (alternate): " + quotaStatus);
        }
        if (pushMaxAttempts < 1) {
            throw new IllegalArgumentException("pushMaxAttempts must be >= 1");
        }
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("accessTokenTtl must be positive");
        }
    }

    /** Loopback, ephemeral port, auto-consent on, 1 h tokens, 600 requests per user per minute (403). */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig(
                "127.0.0.1",
                0,
                null,
                null,
                false,
                true,
                Duration.ofHours(1),
                600,
                403,
                Map.of(),
                Duration.ofSeconds(1),
                5,
                Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    public EmulatorConfig withBindAddress(String value) {
        return new EmulatorConfig(
                value,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withPort(int value) {
        return new EmulatorConfig(
                bindAddress,
                value,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withPublicUrl(URI value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                value,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withSeedFile(Path value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                value,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withDemo(boolean value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                value,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withAutoConsent(boolean value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                value,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withAccessTokenTtl(Duration value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                value,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withQuotaPerUserPerMinute(int value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                value,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withQuotaStatus(int value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                value,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withClients(Map<String, String> value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                value,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withPushRetryInitialDelay(Duration value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                value,
                pushMaxAttempts,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withPushMaxAttempts(int value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                value,
                pushTimeout,
                clock);
    }

    public EmulatorConfig withPushTimeout(Duration value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                value,
                clock);
    }

    public EmulatorConfig withClock(Clock value) {
        return new EmulatorConfig(
                bindAddress,
                port,
                publicUrl,
                seedFile,
                demo,
                autoConsent,
                accessTokenTtl,
                quotaPerUserPerMinute,
                quotaStatus,
                clients,
                pushRetryInitialDelay,
                pushMaxAttempts,
                pushTimeout,
                value);
    }

    /** Client ids and secrets are secrets: never print them. */
    @Override
    public String toString() {
        return "EmulatorConfig[bind=" + bindAddress + ":" + port + ", publicUrl=" + publicUrl + ", seedFile=" + seedFile
                + ", demo=" + demo + ", autoConsent=" + autoConsent + ", accessTokenTtl=" + accessTokenTtl
                + ", quotaPerUserPerMinute=" + quotaPerUserPerMinute + ", quotaStatus=" + quotaStatus
                + ", clients=" + (clients.isEmpty() ? "any" : clients.size() + " configured") + "]";
    }
}
