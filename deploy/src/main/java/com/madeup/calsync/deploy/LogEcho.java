package com.madeup.calsync.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Follows a child's log file from an offset, like {@code tail -f}, handing each complete line to a
 * consumer until the child has exited and the file is read to its end.
 */
final class LogEcho {

    private static final long POLL_MILLIS = 250;

    private final Path file;
    private final long offset;
    private final Consumer<String> lines;

    LogEcho(Path file, long offset, Consumer<String> lines) {
        this.file = file;
        this.offset = offset;
        this.lines = lines;
    }

    void follow(Process process) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            StringBuilder partial = new StringBuilder();
            byte[] buffer = new byte[8192];
            while (true) {
                int read = in.read(buffer);
                if (read > 0) {
                    emitLines(partial, new String(buffer, 0, read, StandardCharsets.UTF_8));
                } else if (!process.isAlive()) {
                    // One last read: the child may have written between the read above and its exit.
                    int last = in.read(buffer);
                    if (last > 0) {
                        emitLines(partial, new String(buffer, 0, last, StandardCharsets.UTF_8));
                        continue;
                    }
                    if (!partial.isEmpty()) {
                        lines.accept(partial.toString());
                    }
                    return;
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot follow " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void emitLines(StringBuilder partial, String chunk) {
        partial.append(chunk);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            lines.accept(partial.substring(0, newline));
            partial.delete(0, newline + 1);
        }
    }
}
