package com.catwing.cw.ml;

import com.catwing.cw.CwException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for one export or import, deleted with everything in it when closed. */
final class TempDir implements AutoCloseable {
    final Path path;

    private TempDir(Path path) {
        this.path = path;
    }

    /** Creates it; {@code what} names the work in the error ("the export"). */
    static TempDir create(String prefix, String what) {
        try {
            return new TempDir(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new CwException("cannot create a temporary folder for " + what + ": " + e.getMessage(), 1);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
