package com.madeup.calsync.provider;

/** An event's status. {@code CANCELLED} in a sync means deleted (or, for an instance, removed from its series). */
public enum EventStatus {
    CONFIRMED,
    TENTATIVE,
    CANCELLED,
    /** A value this client does not know yet. */
    UNKNOWN;

    /** Google's spelling; absent means {@code confirmed}. */
    public static EventStatus fromWire(String value) {
        if (value == null) {
            return CONFIRMED;
        }
        return switch (value) {
            case "confirmed" -> CONFIRMED;
            case "tentative" -> TENTATIVE;
            case "cancelled" -> CANCELLED;
            default -> UNKNOWN;
        };
    }

    /** Google's spelling; null for {@code UNKNOWN}. */
    public String wire() {
        return this == UNKNOWN ? null : name().toLowerCase(java.util.Locale.ROOT);
    }
}
