package com.madeup.calsync.model;

import java.util.List;
import java.util.stream.Collectors;

/** One broken rule of a command, as {@link EventCommandRules} reports it. */
public record Violation(
        String field, // the JSON path of the offending field, e.g. "draft.summary"
        String code, // a stable machine-readable code, e.g. "too_long" (see EventCommandRules)
        String message) { // a human-readable sentence for the user

    public Violation {
        Require.notBlank(field, "Violation.field", 200);
        Require.notBlank(code, "Violation.code", 100);
        Require.notBlank(message, "Violation.message", 1000);
    }

    /** One line listing every violation, e.g. for {@link EventCommandResult#message()}. */
    public static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }
}
