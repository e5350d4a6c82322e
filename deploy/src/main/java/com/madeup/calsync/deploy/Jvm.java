package com.madeup.calsync.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for the child JVMs: the launcher's own java, plus a marker naming the data folder. */
final class Jvm {

    private Jvm() {}

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A system property that identifies this stack's children in a process listing. */
    static String marker(DataFolder data) {
        return "-Dcalsync.local.stack=" + data.root();
    }

    static List<String> command(DataFolder data, List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        if (Runtime.version().feature() >= 23) {
            // Kafka and Netty-style libraries still use sun.misc.Unsafe; JDK 23+ warns at every start.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        command.add(marker(data));
        command.addAll(mainAndArgs);
        return command;
    }
}
