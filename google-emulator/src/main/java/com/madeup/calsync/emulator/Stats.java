package com.madeup.calsync.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.node.ObjectNode;

/** Counters for GET /emulator/stats: API calls by method id and status, push deliveries. */
final class Stats {

    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> push = new ConcurrentHashMap<>();

    void call(String methodId, int status) {
        byMethod.computeIfAbsent(methodId, k -> new LongAdder()).increment();
        byStatus.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
    }

    void push(String outcome) {
        push.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    long pushCount(String outcome) {
        LongAdder adder = push.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    ObjectNode json() {
        ObjectNode out = Json.object();
        ObjectNode methods = out.putObject("calls");
        new TreeMap<>(byMethod).forEach((k, v) -> methods.put(k, v.sum()));
        ObjectNode statuses = out.putObject("statuses");
        new TreeMap<>(byStatus).forEach((k, v) -> statuses.put(k, v.sum()));
        ObjectNode deliveries = out.putObject("push");
        for (String key : new String[] {"sent", "succeeded", "failed", "retried", "dropped", "expired"}) {
            deliveries.put(key, pushCount(key));
        }
        return out;
    }

    void reset() {
        byMethod.clear();
        byStatus.clear();
        push.clear();
    }
}
