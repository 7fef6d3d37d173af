package org.phonehome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phonehome.capture.CaptureBuffers;
import org.phonehome.capture.CaptureFormatException;
import org.phonehome.capture.CaptureReader;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.Captures;
import org.phonehome.capture.DecryptionSecrets;
import org.phonehome.capture.ReadBuffers;
import org.phonehome.net.PacketDecoder;
import org.phonehome.net.TransportPacket;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.report.CaptureSummary;

/**
 * Reads every capture of an audit in order, decodes each frame to its transport packet and hands the frames, in
 * order, to the workers ({@link FrameSink}); counts what reading and decoding found. One per audit, on the calling
 * thread.
 */
final class AuditReader {

    /** How often (in packets) idle flows and stale IP fragments are expired and progress is reported. */
    static final int HOUSEKEEPING_INTERVAL = 4096;

    /** Receives the frames in capture order. */
    interface FrameSink {
        /** A frame and its transport packet (null when it has none for the flow table). */
        void frame(long frameNumber, TransportPacket packet);

        /** Time to end idle flows: the capture clock stands at {@code nowNanos}. */
        void housekeeping(long frameNumber, long nowNanos);

        /** TLS secrets found in the capture (a pcapng Decryption Secrets Block), for the frames after it. */
        void secrets(long frameNumber, KeyLog keys);

        /**
         * Every frame numbered below this has been handled by the threads other than the reader's own; a sink
         * that handles each frame before {@link #frame} returns has none.
         */
        default long handledBelow() {
            return Long.MAX_VALUE;
        }
    }

    private final AuditRequest request;
    final Counters counters = new Counters();
    private final PacketDecoder decoder;
    final List<String> names = new ArrayList<>();
    final List<String> formats = new ArrayList<>();
    CaptureSummary.Incomplete incomplete;
    long packets;
    long bytes;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    /** Registers the capture files and their buffers there, so that their bytes can be read again. */
    private final CaptureBuffers captureBuffers;
    private final ReadBufferSettings bufferSettings;
    /** The number of the last frame handed to the sink. */
    private long handedOut;
    /** Read buffers used again (not cleared anew); for tests. */
    long buffersReused;

    AuditReader(AuditRequest request, CaptureBuffers captureBuffers, ReadBufferSettings bufferSettings) {
        this.request = request;
        this.captureBuffers = captureBuffers;
        this.bufferSettings = bufferSettings;
        this.decoder = new PacketDecoder(counters, request.limits().net());
    }

    /** Reads every capture into {@code sink}. */
    void run(FrameSink sink) throws IOException {
        // The reader's own thread handles each frame it hands out before reading on; the sink tells of the others.
        ReadBuffers pool = bufferSettings.pool(captureBuffers, new ReadBuffers.Consumers() {
            @Override
            public long nextFrame() {
                return handedOut + 1;
            }

            @Override
            public long handledBelow() {
                return Math.min(handedOut + 1, sink.handledBelow());
            }
        });
        for (int index = 0; index < request.captures().size(); index++) {
            read(index, sink, pool);
        }
        decoder.finish();
        buffersReused = pool.reused();
    }

    /**
     * Reads one capture. Damage ends this capture (recorded in {@link #incomplete}); the next one is still read.
     */
    private void read(int index, FrameSink sink, ReadBuffers pool) throws IOException {
        CaptureInput input = request.captures().get(index);
        names.add(input.name());
        int secretsSeen = 0;
        Path path = input.file();
        int file = path == null ? -1 : captureBuffers.addFile(path);
        try (InputStream in = input.opener().open();
             CaptureReader reader = Captures.open(in, input.name(), packets + 1, pool, captureBuffers, file)) {
            formats.add(reader.format());
            try {
                CapturedPacket p;
                while ((p = reader.next()) != null) {
                    packets++;
                    bytes += p.originalLength();
                    if (reader.secrets().size() > secretsSeen) {
                        secretsSeen = useSecrets(reader, secretsSeen, input.name(), p.frameNumber(), sink);
                    }
                    long t = p.timestampNanos();
                    first = Math.min(first, t);
                    last = Math.max(last, t);
                    sink.frame(p.frameNumber(), decoder.decode(p));
                    handedOut = p.frameNumber();
                    if ((packets & (HOUSEKEEPING_INTERVAL - 1)) == 0) {
                        sink.housekeeping(p.frameNumber(), last);
                        decoder.expire(last);
                        request.progress().update(input.name(), index, reader.offset(), input.size());
                    }
                }
            } catch (CaptureFormatException e) {
                if (incomplete == null) {
                    incomplete = new CaptureSummary.Incomplete(input.name(), e.offset(), e.reason());
                }
                counters.increment("anomaly.capture_damaged");
            } finally {
                // pcapng custom blocks are records tshark shows as frames: count them so packets match.
                long customBlocks = reader.counters().get("pcapng_custom_block");
                packets += customBlocks;
                counters.add("decoded.pcapng_custom_block", customBlocks);
                reader.counters().snapshot().forEach((k, v) -> counters.add("anomaly." + k, v));
                request.progress().update(input.name(), index, reader.offset(), input.size());
            }
        }
    }

    /** Hands the pcapng Decryption Secrets Blocks read since {@code seen} on; returns how many were read. */
    private int useSecrets(CaptureReader reader, int seen, String name, long frame, FrameSink sink) {
        List<DecryptionSecrets> all = reader.secrets();
        for (int i = seen; i < all.size(); i++) {
            DecryptionSecrets s = all.get(i);
            if (s.secretsType() == DecryptionSecrets.TLS_KEY_LOG) {
                KeyLog log = KeyLog.parse(s.data(), name + " (decryption secrets block " + (i + 1) + ")");
                counters.add("tls_keylog_malformed_lines", log.warningCount());
                sink.secrets(frame, log);
            } else {
                counters.increment("pcapng_secrets_unsupported_type");
            }
        }
        return all.size();
    }
}
