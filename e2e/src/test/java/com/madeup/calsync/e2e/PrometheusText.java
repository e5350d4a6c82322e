package com.madeup.calsync.e2e;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of Prometheus' text exposition format, as a scrape would. */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");

    private PrometheusText() {}

    /** True when a sample of the metric {@code name} is present. */
    static boolean has(String text, String name) {
        return text.lines().anyMatch(line -> {
            Matcher sample = SAMPLE.matcher(line);
            return sample.find() && sample.group(1).equals(name);
        });
    }

    /** How many samples (label sets) of the metric {@code name} there are. */
    static long count(String text, String name) {
        return text.lines()
                .filter(line -> {
                    Matcher sample = SAMPLE.matcher(line);
                    return sample.find() && sample.group(1).equals(name);
                })
                .count();
    }

    /** The sum of every sample of {@code name} whose labels include {@code labels}. */
    static double sum(String text, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : text.lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            String labelText = sample.group(3) == null ? "" : sample.group(3);
            boolean matches = labels.entrySet().stream()
                    .allMatch(label -> labelText.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                total += Double.parseDouble(sample.group(4));
            }
        }
        return total;
    }
}
