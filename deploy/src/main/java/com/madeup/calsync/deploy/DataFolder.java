package com.madeup.calsync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The stack's state on disk, kept between runs: PostgreSQL's data, the broker's log, the generated
 * secrets and every process's log. A marker file guards {@code --fresh} so it can only wipe a folder
 * this launcher created.
 */
final class DataFolder {

    private static final String MARKER = ".calsync-local";

    private final Path root;

    DataFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Creates the folder (owner-only) if needed; with {@code fresh}, wipes it first. */
    DataFolder prepare(boolean fresh) {
        try {
            if (fresh && Files.exists(root)) {
                wipe();
            }
            if (Files.exists(root) && !Files.exists(root.resolve(MARKER)) && !isEmpty(root)) {
                throw new IllegalStateException("data folder " + root + " exists, is not empty and was not created by"
                        + " the calsync launcher; pick another --data-dir");
            }
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(root.resolve(MARKER))) {
                Files.writeString(root.resolve(MARKER), "Data folder of calsync's local stack; --fresh deletes it.\n");
            }
            Files.createDirectories(logs());
            Files.createDirectories(run());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare data folder " + root, e);
        }
    }

    private void wipe() throws IOException {
        if (!Files.exists(root.resolve(MARKER)) && !isEmpty(root)) {
            throw new IllegalStateException(
                    "refusing --fresh: " + root + " was not created by the calsync launcher (no " + MARKER + " file)");
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    Path root() {
        return root;
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path run() {
        return root.resolve("run");
    }

    Path secrets() {
        return root.resolve("secrets.properties");
    }

    Path log(String processName) {
        return logs().resolve(processName + ".log");
    }
}
