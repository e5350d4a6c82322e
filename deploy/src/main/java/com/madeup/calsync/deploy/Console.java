package com.madeup.calsync.deploy;

import java.io.PrintStream;

/**
 * The launcher's own short lines on the terminal, each prefixed with who speaks. Detailed output goes to
 * the log files in the data folder, not here.
 */
final class Console {

    private final PrintStream out;

    Console(PrintStream out) {
        this.out = out;
    }

    void info(String message) {
        line("calsync", message);
    }

    void warn(String message) {
        line("calsync", "WARNING: " + message);
    }

    synchronized void line(String source, String message) {
        out.println("[" + source + "] " + message);
        out.flush();
    }

    synchronized void raw(String text) {
        out.print(text);
        out.flush();
    }
}
