package org.phonehome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * phonehome's JNI shim ({@code src/main/c}, built with the project where the machine has a C compiler), loaded once
 * per JVM for those that use it: {@code proto.http.Libdeflate} (inflating with the system's libdeflate) and
 * {@code capture.NativeFileInput} (reading capture files without a second copy). Where it was not built or does
 * not load, {@link #loaded()} is false and each falls back to the JDK, to the same results.
 */
public final class NativeShim {

    private static final String LIBRARY = "libphonehome_native.so";
    private static final Status STATUS = load();

    private NativeShim() {
    }

    /** Whether the shim was loaded. */
    public static boolean loaded() {
        return STATUS.loaded;
    }

    /** "loaded", or why not. */
    public static String status() {
        return STATUS.message;
    }

    private record Status(boolean loaded, String message) {
    }

    private static Status load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String resource = "native/linux-" + System.getProperty("os.arch", "") + "/" + LIBRARY;
        if (!os.startsWith("linux")) {
            return new Status(false, "no shim for " + os);
        }
        try (InputStream shim = NativeShim.class.getResourceAsStream(resource)) {
            if (shim == null) {
                return new Status(false, "the shim was not built (" + resource + "; needs a C compiler)");
            }
            // A library loads from a file: copy it out, load it, and remove the file (the mapping stays).
            Path file = newFile();
            try {
                Files.copy(shim, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(file);
            }
            return new Status(true, "loaded");
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return new Status(false, "the shim did not load: " + e.getMessage());
        }
    }

    /**
     * A new file of ours in the temporary folder. Not {@code Files.createTempFile}: its random names come from a
     * {@code SecureRandom}, whose start-up took 13 ms of CPU in every run. The name need not be secret: the file is
     * created only if no file of that name exists (never through a link), readable by its owner alone, and the
     * temporary folder's sticky bit keeps others from replacing it.
     */
    private static Path newFile() throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path file = folder.resolve("phonehome-native-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(System.nanoTime()) + ".so");
            try {
                return posix ? Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))) : Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }
}
