package com.madeup.calsync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One process the stack started (the broker, the emulator, an app). Its output goes to a log file; lines
 * the caller marks as important (errors, "Started") are also echoed to the console with the process's
 * name, read back from that file. A pid file in the data folder lets the next run stop it if this launcher was killed hard.
 *
 * <p>Children run in their own session ({@code setsid}) so a Ctrl-C at the terminal reaches only the
 * launcher, which then stops them in reverse start order rather than all at once.
 */
final class ChildProcess implements AutoCloseable {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Thread echo;
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile, Thread echo) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.echo = echo;
    }

    /** How a child is launched. The command should carry {@link Jvm#marker} so a stale pid can be recognized. */
    record Spec(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDirectory,
            Path logFile,
            Path pidFile,
            Predicate<String> echoToConsole) {}

    static ChildProcess start(Spec spec, Console console) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(spec.command());
        try {
            Files.createDirectories(spec.logFile().getParent());
            Files.writeString(
                    spec.logFile(),
                    "---- " + java.time.Instant.now() + " starting " + spec.name() + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            long logStart = Files.size(spec.logFile());
            // Straight into the file, not through a pipe: nothing is lost when the child exits, and a child
            // keeps logging even if the launcher dies.
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            Files.createDirectories(spec.pidFile().getParent());
            Files.writeString(spec.pidFile(), Long.toString(process.pid()));
            LogEcho echo = new LogEcho(spec.logFile(), logStart, line -> {
                if (spec.echoToConsole().test(line)) {
                    console.line(spec.name(), abbreviate(line));
                }
            });
            Thread echoThread =
                    Thread.ofPlatform().daemon().name("echo-" + spec.name()).start(() -> echo.follow(process));
            ChildProcess child = new ChildProcess(spec.name(), process, spec.logFile(), spec.pidFile(), echoThread);
            process.onExit().thenAccept(exited -> child.reportUnexpectedExit(console));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 240 ? line : line.substring(0, 237) + "...";
    }

    private void reportUnexpectedExit(Console console) {
        if (!stopping) {
            console.line(name, "exited unexpectedly with code " + process.exitValue() + "; see " + logFile);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    Path logFile() {
        return logFile;
    }

    /** SIGTERM (graceful for the JVMs here), then SIGKILL after {@code grace}; waits for the exit. */
    void stop(Duration grace) {
        stopping = true;
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            echo.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale pid file is checked against the command line before use; leaving it is harmless.
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    /**
     * Stops a process left running by an earlier launcher that was killed hard, if the pid file names a live
     * process whose command line carries {@code marker}. A reused pid of someone else's process is left alone.
     */
    static void stopLeftover(Path pidFile, String marker, Console console) {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .commandLine()
                            .map(line -> line.contains(marker))
                            .orElse(false))
                    .ifPresent(handle -> {
                        console.warn("stopping " + pidFile.getFileName() + " (pid " + pid + ") left by an earlier run");
                        handle.destroy();
                        try {
                            handle.onExit().get(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            handle.destroyForcibly();
                        }
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            console.warn("ignoring unreadable pid file " + pidFile + ": " + e.getMessage());
        }
    }
}
