package com.madeup.calsync.worker.token;

import com.madeup.calsync.store.token.OAuthTokenStore;
import com.madeup.calsync.worker.channel.PassLock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of a token key rotation (runbook section 4), done by the worker itself: the apps are rolled
 * with the new key and the old one in {@code previous-keys}, and each worker, when it starts, rewrites
 * every token row still under an older key. One instance at a time does it (an advisory lock; the
 * others skip, since one pass covers every row). Rows no configured key can decrypt are logged by
 * calendar-store and skipped: their users must reconnect.
 */
public final class TokenKeyRotation {

    /** What {@link #reencryptOnce()} returns when another instance was doing it. */
    public static final int SKIPPED = -1;

    private static final Logger log = LoggerFactory.getLogger(TokenKeyRotation.class);

    private final OAuthTokenStore tokens;
    private final PassLock lock;

    public TokenKeyRotation(OAuthTokenStore tokens, PassLock lock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Re-encrypts the rows under older keys; returns how many were rewritten, or {@link #SKIPPED}. */
    public int reencryptOnce() {
        AtomicInteger rewritten = new AtomicInteger(SKIPPED);
        lock.runIfFree(() -> rewritten.set(tokens.reencryptWithCurrentKey()));
        if (rewritten.get() > 0) {
            log.info("Re-encrypted the tokens of {} connection(s) with the current key", rewritten.get());
        }
        return rewritten.get();
    }

    /** Runs {@link #reencryptOnce()} on a thread of its own, so the start does not wait for it. */
    public Thread startInBackground() {
        return Thread.ofVirtual().name("token-reencryption").start(() -> {
            try {
                reencryptOnce();
            } catch (RuntimeException e) {
                // The next start tries again; until then the old key keeps decrypting (runbook section 4).
                log.warn("Could not re-encrypt the token rows with the current key: {}", e.toString());
            }
        });
    }
}
