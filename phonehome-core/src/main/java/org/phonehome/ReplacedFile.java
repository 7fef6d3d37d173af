package org.phonehome;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file whole or not at all: the bytes go to a new hidden file beside it, which is then renamed over it, so
 * that a reader (another process, a crash's survivor) sees the old file or the new one, never half of one.
 */
public final class ReplacedFile {

    private ReplacedFile() {
    }

    /**
     * Replaces (or creates) {@code target}, whose folder must exist, with {@code content}. The partial file's name
     * is made from the process and the clock, not from {@code Files.createTempFile}'s {@code SecureRandom}, whose
     * start-up costs 13 ms of CPU; it is created only where no file of that name exists.
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(content);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
