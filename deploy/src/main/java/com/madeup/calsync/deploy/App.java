package com.madeup.calsync.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One calsync app as the local stack runs it: a Spring Boot jar in {@code <module>/target}, its port
 * and its heap. Heaps are set so each app stays under about 300 MiB resident (deploy/README.md).
 */
record App(String module, int port, int heapMb) {

    /** The apps in start order, with the ports and heaps of {@code options}. */
    static List<App> all(StackOptions options) {
        int override = options.appHeapMb();
        return List.of(
                new App("webhook-ingress", options.ingressPort(), override > 0 ? override : 160),
                new App("sync-worker", options.workerPort(), override > 0 ? override : 160),
                new App("outbound-writer", options.writerPort(), override > 0 ? override : 128),
                new App("dashboard", options.dashboardPort(), override > 0 ? override : 160));
    }

    /** Why an app cannot run yet, or its jar. */
    sealed interface Lookup {}

    record Runnable(Path jar) implements Lookup {}

    record Missing(String reason) implements Lookup {}

    /**
     * The newest {@code <module>-*.jar} in {@code <module>/target} that has a Main-Class. A module that is
     * still a skeleton builds a plain jar without one; it is reported, not started.
     */
    Lookup find(Path repoRoot) {
        Path target = repoRoot.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return new Missing("not built (no " + repoRoot.relativize(target) + ")");
        }
        Optional<Path> jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(this::isModuleJar)
                    .max(Comparator.comparing(path -> path.toFile().lastModified()));
        } catch (IOException e) {
            return new Missing("cannot list " + target + ": " + e.getMessage());
        }
        if (jar.isEmpty()) {
            return new Missing("no " + module + "-*.jar in " + repoRoot.relativize(target));
        }
        try (JarFile file = new JarFile(jar.get().toFile())) {
            var manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Main-Class") == null) {
                return new Missing(repoRoot.relativize(jar.get()) + " is not runnable yet (no Main-Class)");
            }
        } catch (IOException e) {
            return new Missing("cannot read " + jar.get() + ": " + e.getMessage());
        }
        return new Runnable(jar.get());
    }

    private boolean isModuleJar(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(module + "-")
                && name.endsWith(".jar")
                && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar")
                && !name.endsWith("-tests.jar")
                && !name.endsWith("-plain.jar");
    }

    /**
     * JVM flags that bound the app's memory (each app stays under 300 MiB resident under load; figures in
     * docs/benchmarks.md). C1 only, because on a laptop start time beats peak speed, except for
     * webhook-ingress: its request path is the hot one, and C2 halves its CPU per notification
     * (webhook-ingress/README.md, "Memory").
     */
    List<String> jvmOptions(String extra) {
        List<String> options = new java.util.ArrayList<>(List.of(
                "-Xms32m",
                "-Xmx" + heapMb + "m",
                "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=192m",
                "-XX:MaxDirectMemorySize=32m",
                "-Xss512k",
                // hands memory freed by the JIT and by bursts back to the system every 5 s
                "-XX:TrimNativeHeapInterval=5000",
                "-XX:+ExitOnOutOfMemoryError"));
        if (module.equals("webhook-ingress")) {
            options.add("-XX:ReservedCodeCacheSize=96m");
        } else {
            options.add("-XX:ReservedCodeCacheSize=64m");
            options.add("-XX:TieredStopAtLevel=1");
        }
        for (String option : extra.strip().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }
}
