package org.phonehome.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bytes of capture files lie, so that bytes already handled can be read again instead of kept: the
 * reader's most recent buffers with the file offset of their first byte, and the files themselves (as Wireshark
 * reads a frame again from the file when it is asked for). Only plain capture files take part: bytes decompressed
 * from gzip, or read from a pipe, have no place in a file to be read from again.
 *
 * <p>One reader registers buffers; any thread may look them up and read. A file offset here is encoded with the
 * number of its file ({@link #addFile}) in the top 16 bits; -1 means "not in a registered buffer".
 */
public final class CaptureBuffers implements AutoCloseable {

    /**
     * Buffers remembered: 16 of {@link CaptureInput#BUFFER_BYTES}, 4 MB, a bound on the memory they keep. The
     * workers run at most a few thousand frames behind the reader, a few buffers on mixed traffic; a chunk from an
     * older buffer is copied instead.
     */
    public static final int DEFAULT_RECENT_BUFFERS = 16;
    private static final int FILE_SHIFT = 48;
    private static final long OFFSET_MASK = (1L << FILE_SHIFT) - 1;
    /** Files of one audit whose bytes can be read again: a file's number takes the top bits of an offset. */
    private static final int MAX_FILES = 1 << 15;

    private record Buffer(byte[] array, long encodedBase) {
    }

    /**
     * The recent buffers. Plain reads are enough: the reader registers a buffer before it hands out any frame in
     * it, and the hand-over orders the two; an entry seen early or late names a buffer correctly all the same, as
     * a buffer is used again only once every frame handed out while it was listed has been handled
     * ({@link ReadBuffers}).
     */
    private final Buffer[] recent;
    /** Index of the next slot of {@link #recent} to write; only the reader writes it. */
    private volatile int next;
    private final List<Path> files = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();

    /** Remembers the {@link #DEFAULT_RECENT_BUFFERS} most recent buffers. */
    public CaptureBuffers() {
        this(DEFAULT_RECENT_BUFFERS);
    }

    /** Remembers the {@code recentBuffers} (a power of two) most recent buffers; tests keep fewer. */
    public CaptureBuffers(int recentBuffers) {
        if (recentBuffers < 1 || Integer.bitCount(recentBuffers) != 1) {
            throw new IllegalArgumentException("recent buffers: " + recentBuffers);
        }
        this.recent = new Buffer[recentBuffers];
    }

    /** How many of the most recent buffers are remembered. */
    public int recentBuffers() {
        return recent.length;
    }

    /** Makes {@code file} readable again; returns its number for {@link CaptureInput}, or -1 past the bound. */
    public synchronized int addFile(Path file) {
        if (files.size() >= MAX_FILES) {
            return -1;
        }
        files.add(file);
        channels.add(null);
        return files.size() - 1;
    }

    /**
     * The reader starts filling {@code array}, whose index 0 is at {@code offset} in file {@code file}. An array
     * registered before (its unread bytes moved to its start) loses its old entry: its bytes moved.
     */
    void added(byte[] array, int file, long offset) {
        for (int k = 0; k < recent.length; k++) {
            Buffer b = recent[k];
            if (b != null && b.array == array) {
                recent[k] = null;
            }
        }
        int i = next;
        recent[i] = new Buffer(array, ((long) file << FILE_SHIFT) | offset);
        next = (i + 1) & (recent.length - 1);
    }

    /**
     * The encoded file offset of {@code array[index]} when {@code array} is one of the recent buffers, else -1.
     * Looked up newest first: a buffer whose bytes moved to its start is registered again with its new offset.
     */
    public long fileOffset(byte[] array, int index) {
        int n = next;
        for (int k = 1; k <= recent.length; k++) {
            Buffer b = recent[(n - k) & (recent.length - 1)];
            if (b != null && b.array == array) {
                return b.encodedBase + index;
            }
        }
        return -1;
    }

    /**
     * Reads {@code len} bytes that were handed out before from encoded file offset {@code at}: from a recent buffer
     * while it is remembered, else from the file.
     *
     * @return false when they cannot be read (the file is gone or shorter now)
     */
    public boolean read(long at, byte[] dst, int dstOffset, int len) {
        int n = next;
        for (int k = 1; k <= recent.length; k++) {
            Buffer b = recent[(n - k) & (recent.length - 1)];
            if (b != null && (b.encodedBase >>> FILE_SHIFT) == (at >>> FILE_SHIFT) && at >= b.encodedBase
                    && at - b.encodedBase + len <= b.array.length) {
                System.arraycopy(b.array, (int) (at - b.encodedBase), dst, dstOffset, len);
                return true;
            }
        }
        try {
            FileChannel c = channel((int) (at >>> FILE_SHIFT));
            ByteBuffer into = ByteBuffer.wrap(dst, dstOffset, len);
            long position = at & OFFSET_MASK;
            while (into.hasRemaining()) {
                int r = c.read(into, position);
                if (r < 0) {
                    return false;
                }
                position += r;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized FileChannel channel(int file) throws IOException {
        if (file >= files.size()) {
            throw new IOException("no capture file " + file);
        }
        FileChannel c = channels.get(file);
        if (c == null) {
            c = FileChannel.open(files.get(file), StandardOpenOption.READ);
            channels.set(file, c);
        }
        return c;
    }

    /** Closes the files opened for reading again. */
    @Override
    public synchronized void close() {
        for (FileChannel c : channels) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    // only reads were made
                }
            }
        }
        channels.replaceAll(c -> null);
    }
}
