package com.madeup.calsync.ingress.command;

import com.madeup.calsync.ingress.config.IngressProperties.CommandClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The upstream apps allowed to send event commands, each known by the SHA-256 of its bearer token.
 * A presented token is hashed and compared with every client's hash in constant time, all of them,
 * so the time taken says nothing about which (if any) matched.
 */
final class CommandClients {

    private static final String BEARER = "Bearer ";
    /** Longer headers are refused before hashing. */
    private static final int MAX_AUTHORIZATION_LENGTH = 1024;

    private final List<Client> clients;

    CommandClients(List<CommandClient> configured) {
        this.clients = configured.stream()
                .map(client -> new Client(client.name(), HexFormat.of().parseHex(client.tokenSha256())))
                .toList();
    }

    boolean isEmpty() {
        return clients.isEmpty();
    }

    /** The client whose token the {@code Authorization} header carries; empty when none matches. */
    Optional<String> authenticate(String authorization) {
        if (authorization == null
                || authorization.length() > MAX_AUTHORIZATION_LENGTH
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
        String matched = null;
        for (Client client : clients) {
            if (MessageDigest.isEqual(client.tokenHash(), presented) && matched == null) {
                matched = client.name();
            }
        }
        return Optional.ofNullable(matched);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private record Client(String name, byte[] tokenHash) {}
}
