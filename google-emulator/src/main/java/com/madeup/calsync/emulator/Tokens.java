package com.madeup.calsync.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page and sync tokens. They name the world generation (an emulator restart or reset makes old
 * tokens answer 410), the resource, the invalidation epoch and a change sequence number.
 */
final class Tokens {

    private Tokens() {}

    record SyncToken(String generation, int resourceHash, long epoch, long seq) {}

    record PageCursor(
            String generation, int resourceHash, long snapshot, long resumeSeq, int skip, long syncSeq, int offset) {}

    static String sync(String generation, String resource, long epoch, long seq) {
        return encode("S|" + generation + "|" + resource.hashCode() + "|" + epoch + "|" + seq);
    }

    /** Null when the token does not parse (Google answers 400 then); 410 decisions are the caller's. */
    static SyncToken parseSync(String token) {
        String[] parts = decode(token);
        if (parts == null || parts.length != 5 || !"S".equals(parts[0])) {
            return null;
        }
        try {
            return new SyncToken(
                    parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String page(PageCursor cursor) {
        return encode("P|" + cursor.generation() + "|" + cursor.resourceHash() + "|" + cursor.snapshot() + "|"
                + cursor.resumeSeq() + "|" + cursor.skip() + "|" + cursor.syncSeq() + "|" + cursor.offset());
    }

    static PageCursor parsePage(String token) {
        String[] parts = decode(token);
        if (parts == null || parts.length != 8 || !"P".equals(parts[0])) {
            return null;
        }
        try {
            return new PageCursor(
                    parts[1],
                    Integer.parseInt(parts[2]),
                    Long.parseLong(parts[3]),
                    Long.parseLong(parts[4]),
                    Integer.parseInt(parts[5]),
                    Long.parseLong(parts[6]),
                    Integer.parseInt(parts[7]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
