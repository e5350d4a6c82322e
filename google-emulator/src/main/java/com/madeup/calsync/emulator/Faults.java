package com.madeup.calsync.emulator;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** Injected errors (POST /emulator/faults): the next N matching calls, or a fraction of them. */
final class Faults {

    static final class Rule {
        final int status;
        final String reason;
        final String method;
        final Pattern path;
        final Integer retryAfterSeconds;
        final double fraction;
        int remaining;

        Rule(
                int status,
                String reason,
                String method,
                Pattern path,
                Integer retryAfterSeconds,
                double fraction,
                int count) {
            this.status = status;
            this.reason = reason;
            this.method = method;
            this.path = path;
            this.retryAfterSeconds = retryAfterSeconds;
            this.fraction = fraction;
            this.remaining = count;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Random random = new Random(7);

    void add(Rule rule) {
        rules.add(rule);
    }

    void clear() {
        rules.clear();
    }

    /** The error to answer instead of handling the call, or null. */
    synchronized ApiError match(String method, String path) {
        for (Rule rule : rules) {
            if (rule.method != null && !rule.method.equalsIgnoreCase(method)) {
                continue;
            }
            if (rule.path != null && !rule.path.matcher(path).find()) {
                continue;
            }
            boolean hit;
            if (rule.remaining > 0) {
                rule.remaining--;
                hit = true;
                if (rule.remaining == 0) {
                    rules.remove(rule);
                }
            } else {
                hit = rule.fraction > 0 && random.nextDouble() < rule.fraction;
            }
            if (hit) {
                return error(rule);
            }
        }
        return null;
    }

    private static ApiError error(Rule rule) {
        String domain = rule.reason.toLowerCase().contains("ratelimit") || "quotaExceeded".equals(rule.reason)
                ? "usageLimits"
                : "global";
        String message = switch (rule.status) {
            case 500 -> "Backend Error";
            case 503 -> "The service is currently unavailable.";
            case 429, 403 -> "Rate Limit Exceeded";
            default -> rule.reason;
        };
        ApiError error = new ApiError(rule.status, domain, rule.reason, message, null, null);
        if (rule.retryAfterSeconds != null) {
            error.header("Retry-After", Integer.toString(rule.retryAfterSeconds));
        }
        return error;
    }
}
