package org.phonehome.net;

import org.phonehome.capture.AppAttribution;

/**
 * The frames behind the packet being decoded: one frame, or the frames of a reassembled datagram. A decoder owns
 * one and rewrites it for every frame.
 */
final class FrameOrigin {
    /** The frame being decoded (the one that completes a reassembled datagram). */
    long frameNumber;
    /** Its capture time. */
    long timestampNanos;
    /** The first frame that carried part of the packet. */
    long firstFrame;
    /** How many frames carried it. */
    int frames;
    /** Sum of their wire lengths. */
    long wireBytes;
    /** The app to attribute it to, or null. */
    AppAttribution app;

    void reset(long frameNumber, long timestampNanos, int wireLength, AppAttribution app) {
        this.frameNumber = frameNumber;
        this.timestampNanos = timestampNanos;
        this.firstFrame = frameNumber;
        this.frames = 1;
        this.wireBytes = wireLength;
        this.app = app;
    }
}
