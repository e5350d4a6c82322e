package com.madeup.calsync.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link RunningStack} of this test run: started by the first test class that asks
 * for it, shared by the others, stopped when the run ends (unless a test stopped it already). Starting
 * takes about half a minute, so there is one stack, not one per class.
 *
 * <p>Use: {@code @ExtendWith(LocalStackExtension.class)}, then take a {@code RunningStack} parameter
 * (constructor, {@code @BeforeAll}, or test method).
 */
public final class LocalStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        StackResource.class, key -> new StackResource(RunningStack.start()), StackResource.class)
                .stack();
    }

    /** Closed by JUnit at the end of the run: stops the stack if it still runs. */
    private record StackResource(RunningStack stack) implements AutoCloseable {
        @Override
        public void close() {
            if (stack.isRunning()) {
                stack.stop();
            }
        }
    }
}
