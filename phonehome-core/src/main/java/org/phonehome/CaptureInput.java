package org.phonehome;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.phonehome.capture.NativeFileInput;

/**
 * One capture to audit: a name for the report and a way to open its bytes.
 *
 * @param name   the capture as the user named it ({@code -} for standard input)
 * @param opener opens the bytes; called once
 * @param size   the size in bytes when known (for progress), else -1
 */
public record CaptureInput(String name, Opener opener, long size) {

    /** Opens a capture's bytes. */
    @FunctionalInterface
    public interface Opener {
        /** The capture's bytes, from the start. */
        InputStream open() throws IOException;
    }

    /** A capture file; a missing or unreadable file fails when opened. */
    public static CaptureInput file(Path path) {
        long size;
        try {
            // Pipes and devices have no size to show progress against.
            size = Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException e) {
            size = -1;
        }
        return new CaptureInput(path.toString(), new FileOpener(path), size);
    }

    /**
     * The capture when it is a regular file, whose bytes can be read again; null for a stream, a pipe or a device
     * (whose bytes cannot).
     */
    public Path file() {
        return opener instanceof FileOpener f && size >= 0 ? f.path() : null;
    }

    private record FileOpener(Path path) implements Opener {
        @Override
        public InputStream open() throws IOException {
            if (Files.isDirectory(path)) {
                throw new NoSuchFileException(path.toString(), null, "is a folder, not a capture file");
            }
            return openFile(path);
        }
    }

    /**
     * Read through the JNI shim where it can ({@link NativeFileInput}: the kernel's copy only); otherwise a
     * FileInputStream, not Files.newInputStream: both copy each byte twice (the kernel's copy, then one out of a
     * native buffer), but the channel's reads cost more system time, 0.07 s of CPU per GB read here. Only the NIO
     * exceptions name the cause of a failure (missing, denied), so a failure is asked of Files again.
     */
    private static InputStream openFile(Path path) throws IOException {
        NativeFileInput in = NativeFileInput.open(path);
        if (in != null) {
            return in;
        }
        try {
            return new FileInputStream(path.toFile());
        } catch (FileNotFoundException | UnsupportedOperationException e) {
            return Files.newInputStream(path);
        }
    }

    /** A capture streamed on standard input, e.g. from {@code tcpdump -w -}. */
    public static CaptureInput stream(String name, InputStream in) {
        return new CaptureInput(name, () -> in, -1);
    }
}
