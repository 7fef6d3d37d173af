package org.phonehome.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.phonehome.NativeShim;

/**
 * A regular capture file read straight into the caller's array by the JNI shim ({@link NativeShim}): the kernel's
 * copy is the only one. {@code FileInputStream} reads into a native buffer and copies that into the array, and the
 * second copy was a tenth of the reading thread's time on mixed traffic (docs/PERFORMANCE.md).
 *
 * <p>Only for regular files, which the page cache answers without blocking for long: the array is pinned for the
 * length of each read. {@link #open} gives null for anything else (a pipe, a device, a folder, a file it cannot
 * open, a machine without the shim), and the caller reads with {@code FileInputStream}, to the same bytes. The
 * system property {@code phonehome.nativeread=off} always gives null. One read reads at most
 * {@link #MAX_READ_BYTES}, so that the array is pinned for a bounded time whatever the caller asks for.
 */
public final class NativeFileInput extends InputStream {

    private static final String DISABLED = "off";

    /**
     * The most one read asks of the kernel, so that the array is pinned, and the collector held off, for a bounded
     * time: four of the reader's buffers (a short read is an InputStream's right).
     */
    static final int MAX_READ_BYTES = 1 << 20;

    private int fd;

    private NativeFileInput(int fd) {
        this.fd = fd;
    }

    /** Whether this JVM reads capture files through the shim. */
    public static boolean enabled() {
        return NativeShim.loaded() && !DISABLED.equals(System.getProperty("phonehome.nativeread"));
    }

    /** "loaded", or why capture files are read with {@code FileInputStream} (shown by {@code --version}). */
    public static String status() {
        if (!NativeShim.loaded()) {
            return NativeShim.status();
        }
        return enabled() ? "loaded" : "turned off (phonehome.nativeread=off)";
    }

    /**
     * {@code path} opened for reading through the shim, or null when it cannot be: not {@link #enabled()}, not a
     * regular file, or not opened (the caller's own open then reports why, as it always has).
     */
    public static NativeFileInput open(Path path) {
        if (!enabled()) {
            return null;
        }
        // a Path holds no NUL (the JDK refuses one), so the terminated name is the whole name
        byte[] name = path.toString().getBytes(fileNameCharset());
        int fd = open0(Arrays.copyOf(name, name.length + 1));
        return fd < 0 ? null : new NativeFileInput(fd);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (fd < 0) {
            throw new IOException("Stream Closed");
        }
        if (len == 0) {
            return 0;
        }
        int n = read0(fd, b, off, Math.min(len, MAX_READ_BYTES));
        if (n < 0) {
            throw new IOException(describe0(-n));
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        if (fd < 0) {
            return;
        }
        int r = close0(fd);
        fd = -1;
        if (r < 0) {
            throw new IOException(describe0(-r));
        }
    }

    /** The charset the JVM turns file names into bytes with ({@code sun.jnu.encoding}), as FileInputStream does. */
    private static Charset fileNameCharset() {
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu == null ? Charset.defaultCharset() : Charset.forName(jnu);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Opens a NUL-terminated file name: the descriptor, or a negative number (-errno, or not a regular file). */
    private static native int open0(byte[] path);

    /** Reads into {@code b[off, off + len)}: the bytes read, 0 at the end of the file, or -errno. */
    private static native int read0(int fd, byte[] b, int off, int len);

    /** 0 or -errno. */
    private static native int close0(int fd);

    /** The system's text for {@code errno}. */
    private static native String describe0(int errno);
}
