package com.madeup.calsync.ingress;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link KafkaSender} for controller unit tests: records what was sent and answers as told. */
public final class FakeKafka implements KafkaSender {

    public enum Mode {
        ACKNOWLEDGE,
        FAIL,
        /** Answers only when the test says so ({@link #acknowledgeHeld()}), if ever. */
        HOLD
    }

    public record Sent(String topic, String key, Object contract) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Object>> held = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ACKNOWLEDGE;

    public void answer(Mode mode) {
        this.mode = mode;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public CompletableFuture<?> send(String topic, String key, Object contract) {
        sent.add(new Sent(topic, key, contract));
        return switch (mode) {
            case ACKNOWLEDGE -> CompletableFuture.completedFuture("acknowledged");
            case FAIL -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            case HOLD -> {
                CompletableFuture<Object> answer = new CompletableFuture<>();
                held.add(answer);
                yield answer;
            }
        };
    }

    /** Whether every record held so far was cancelled by its sender (none held: false). */
    public boolean heldCancelled() {
        return !held.isEmpty() && held.stream().allMatch(CompletableFuture::isCancelled);
    }

    /** Acknowledges every record held so far. */
    public void acknowledgeHeld() {
        held.forEach(answer -> answer.complete("acknowledged"));
    }
}
