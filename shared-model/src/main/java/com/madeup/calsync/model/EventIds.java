package com.madeup.calsync.model;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;

/**
 * Provider event ids chosen by calsync. Google accepts a client-chosen id on insert when it uses
 * base32hex characters (lower-case {@code a-v} and {@code 0-9}) and is 5 to 1024 characters long;
 * inserting the same id twice answers 409 {@code duplicate}, which is what makes a retried create safe.
 */
public final class EventIds {

    /** Shortest client-chosen event id Google accepts. */
    public static final int MIN_LENGTH = 5;

    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final Pattern CLIENT_ID = Pattern.compile("[0-9a-v]{" + MIN_LENGTH + "," + EventId.MAX_LENGTH + "}");

    /**
     * The event id a create with this command id uses: the lower-case base32hex form of the UUID's 16
     * bytes without padding (26 characters). The same command id always gives the same event id.
     */
    public static EventId fromCommand(CommandId commandId) {
        Require.present(commandId, "commandId");
        ByteBuffer bytes = ByteBuffer.allocate(16)
                .putLong(commandId.value().getMostSignificantBits())
                .putLong(commandId.value().getLeastSignificantBits());
        return new EventId(base32hex(bytes.array()));
    }

    /** Whether Google accepts {@code id} as a client-chosen event id on insert. */
    public static boolean isValidClientId(String id) {
        return id != null && CLIENT_ID.matcher(id).matches();
    }

    /** RFC 4648 base32hex, lower case, no padding: 5 bits per character, the last one zero-filled. */
    static String base32hex(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bitsInBuffer = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bitsInBuffer += 8;
            while (bitsInBuffer >= 5) {
                bitsInBuffer -= 5;
                out.append(BASE32HEX[(buffer >> bitsInBuffer) & 0x1f]);
            }
        }
        if (bitsInBuffer > 0) {
            out.append(BASE32HEX[(buffer << (5 - bitsInBuffer)) & 0x1f]);
        }
        return out.toString();
    }

    private EventIds() {}
}
