package org.phonehome.capture;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The capture reader's buffers, used again once nothing can read their bytes any more, so that the JVM need not
 * clear a new 256 KB array for every 256 KB read (about 0.15 s of the reading thread's CPU per GB).
 *
 * <p><b>Why it is safe.</b> A frame points into the buffer it was read into, and whatever keeps bytes beyond a
 * frame's handling copies them (docs/DESIGN.md), so a buffer the reader has moved on from ({@link #retire}) is read
 * only while its frames are handled and while {@link CaptureBuffers} lists it among its recent buffers, where
 * retransmission checks of any later frame may find it. Each retired buffer is stamped with the number of the next
 * frame to be handed out (the frame being read may still point into it). A buffer is used again once as many
 * buffers were retired after it as {@link CaptureBuffers} keeps (a new one is registered at each retirement, so
 * it has left the recent ones) and every frame up to the stamp of the last of those has been handled by every
 * thread ({@link Consumers#handledBelow}): its own frames, and every frame handed out while it was still listed.
 * A thread that later looks for recent buffers gets them through the hand-over of frames, after the buffer left.
 * Not thread-safe: the reading thread's.
 */
public final class ReadBuffers {

    /** What the audit's threads have done with the frames handed out; asked by the reading thread. */
    public interface Consumers {
        /** The number of the next frame to be handed out. */
        long nextFrame();

        /** Every frame numbered below this has been handled by every thread that was given it. */
        long handledBelow();
    }

    /** The size of a read buffer: large reads keep the per-call overhead of the stream (and of gzip) negligible. */
    public static final int DEFAULT_BUFFER_BYTES = 256 * 1024;
    /**
     * Retired buffers kept at most (16 MB): past this, the oldest goes to the collector instead, so a thread that
     * stopped handling frames (it failed) cannot make the pool grow.
     */
    static final int MAX_RETIRED = 64;
    private static final byte POISON = (byte) 0xA5;

    private final int bufferBytes;
    private final int window;
    private final Consumers consumers;
    private final boolean poison;
    private final ArrayDeque<byte[]> retired = new ArrayDeque<>();
    /** The stamp of each retired buffer, in the same order. */
    private final ArrayDeque<Long> stamps = new ArrayDeque<>();
    private long reused;

    /**
     * Buffers of {@code bufferBytes} (at least 128 KB: a pcapng option of 64 KB must fit), used again once
     * {@code consumers} (null: never) handled their frames and they have left {@code recent}'s recent buffers
     * (null: the capture's bytes are not read again). With {@code poison}, a buffer used again is first filled
     * with 0xA5, so that a test finds any reader of a buffer it should no longer read.
     */
    public ReadBuffers(int bufferBytes, CaptureBuffers recent, Consumers consumers, boolean poison) {
        if (bufferBytes < 128 * 1024) {
            throw new IllegalArgumentException("buffer bytes: " + bufferBytes);
        }
        // A buffer is among the recent ones until that many more were registered after it, one at each retirement.
        this.window = recent == null ? 0 : recent.recentBuffers();
        this.bufferBytes = bufferBytes;
        this.consumers = consumers;
        this.poison = poison;
    }

    /** A pool that never uses a buffer again: every buffer is new (for readers outside an audit). */
    static ReadBuffers none() {
        return new ReadBuffers(DEFAULT_BUFFER_BYTES, null, null, false);
    }

    /** A buffer to read into: a retired one nothing can read any more, or else a new one. */
    byte[] fresh() {
        if (consumers != null && retired.size() > window) {
            long stampAfterWindow = stampAt(window);
            if (consumers.handledBelow() > stampAfterWindow) {
                stamps.removeFirst();
                byte[] b = retired.removeFirst();
                reused++;
                if (poison) {
                    Arrays.fill(b, POISON);
                }
                return b;
            }
        }
        return new byte[bufferBytes];
    }

    /** The reader no longer reads into {@code buffer}; its frames may still be in flight. */
    void retire(byte[] buffer) {
        if (consumers == null || buffer.length != bufferBytes) {
            return;
        }
        retired.addLast(buffer);
        stamps.addLast(consumers.nextFrame());
        if (retired.size() > MAX_RETIRED) {
            retired.removeFirst();
            stamps.removeFirst();
        }
    }

    /** Buffers used again so far. */
    public long reused() {
        return reused;
    }

    private long stampAt(int index) {
        var it = stamps.iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        return it.next();
    }
}
