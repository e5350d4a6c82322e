package com.madeup.calsync.model;

import java.util.Locale;

/**
 * Wire strings of calsync enums: the constant name in lower case ({@code NOT_EXISTS} is
 * {@code "not_exists"}). A string no constant has (sent by a newer producer) reads as the
 * enum's {@code UNKNOWN}, so a reader never fails on a value added later.
 */
final class WireNames {

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose wire string is {@code wire}; {@code unknown} when none is; null for null. */
    static <E extends Enum<E>> E parse(Class<E> type, String wire, E unknown) {
        if (wire == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(wire)) {
                return constant;
            }
        }
        return unknown;
    }

    private WireNames() {}
}
