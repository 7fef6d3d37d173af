package org.phonehome.flow;

import java.util.Map;
import java.util.TreeMap;
import org.phonehome.capture.CaptureBuffers;

/**
 * Reassembles one direction of one TCP connection into an ordered byte stream with explicit gaps, in the manner of
 * Zeek's reassembler. A pure state machine: segments in, {@link StreamSink} calls out, no clock, and no I/O of its
 * own (a retransmission is compared with delivered bytes read again through {@link CaptureBuffers} when they came
 * from a capture file).
 *
 * <p><b>Stream offsets.</b> Offset 0 is the first payload byte after the ISN (a SYN's sequence number + 1), or, when
 * the direction's first segment has no SYN (capture started mid-connection, {@code tcp_mid_stream_start}), that
 * segment's sequence number. A 32-bit sequence number is turned into a 64-bit offset by its signed 32-bit distance
 * from the next expected sequence number, so wrapping at 2^32 is seamless.
 *
 * <p><b>Window rule.</b> A segment starting more than {@link TcpLimits#maxBufferedBytes()} ahead of both the next
 * expected byte and the end of the buffered data, or ending more than that behind the next expected byte, is dropped
 * and counted {@code tcp_seq_jump}: it allocates nothing. After {@link #SEQ_JUMP_RESYNC_SEGMENTS} segments in a row
 * that far <em>ahead</em> (no in-window data between them) the sender really did move on (e.g. the capture lost a
 * long run): the reassembler flushes what it holds, reports the skipped bytes as a gap and goes on from there
 * ({@code tcp_seq_resync}). Far-behind segments never resynchronise: delivering them would put old bytes at new
 * offsets.
 *
 * <p><b>Overlap policy: first seen wins.</b> Bytes already delivered or already buffered are never replaced. A
 * fully old segment is dropped ({@code tcp_retransmission}); a partly old one delivers only its new part
 * ({@code tcp_partial_retransmission}); overlapping bytes that differ from what was seen first count
 * {@code tcp_overlap_inconsistent}, once per segment. Old bytes are compared against buffered segments and against
 * the last {@link TcpLimits#historyBytes()} delivered bytes ({@link DeliveredHistory}; of tiny segments from a
 * capture file, the last {@value DeliveredHistory#MAX_RUNS}); older bytes are not checked.
 *
 * <p><b>Holes.</b> Segments ahead of a hole are copied into a buffer ({@code tcp_out_of_order}). When holding one
 * more would pass {@link TcpLimits#maxBufferedBytes()} or {@link TcpLimits#maxBufferedSegments()}, the reassembler
 * stops waiting ({@code tcp_ooo_buffer_full}): it reports the hole as a gap and delivers onward; so it does when
 * the out-of-order bytes of all connections together are at their bound ({@link FlowBudget},
 * {@code tcp_ooo_memory_full}). {@link #finish()}
 * does the same for every remaining hole, and also reports a hole before a seen FIN. Each gap counts {@code tcp_gap}
 * and adds its length to {@code tcp_gap_bytes}. Bytes the capture announced but cut (snaplen) are a gap too.
 *
 * <p><b>End.</b> A FIN fixes the stream's end; bytes beyond it are dropped ({@code tcp_data_after_fin}). After a RST
 * the sender's later data is dropped ({@code tcp_data_after_rst}); a RST's own payload is not stream data.
 *
 * <p>Each delivered chunk is the new bytes of one segment with that segment's frame number and time; in-order bytes
 * are handed over from the caller's array without a copy, buffered bytes are copied. Not thread-safe.
 */
public final class TcpReassembler {
    /** Out-of-window segments in a row after which the sender is taken to have really moved (one stray is not). */
    public static final int SEQ_JUMP_RESYNC_SEGMENTS = 4;

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;

    private static final byte NEW = 0;
    private static final byte OPEN = 1;
    private static final byte RESET = 2;
    private static final byte FINISHED = 3;

    /** A buffered out-of-order piece; {@code data == null} marks bytes known to be missing (snaplen cut). */
    private record Piece(long offset, byte[] data, int length, long frame, long time) {
        long end() {
            return offset + length;
        }
    }

    private final TcpLimits limits;
    private final StreamSink sink;
    private byte state = NEW;
    private boolean sawSyn;
    /** The sequence number of the SYN this direction began with, when {@link #sawSyn}. */
    private int synSeq;
    private boolean reset;
    private int jumpRun;
    /** Sequence number of {@link #nextOffset} (wraps as TCP does). */
    private int nextSeq;
    /** Stream offset of the next byte to deliver. */
    private long nextOffset;
    private long finOffset = -1;
    /** Out-of-order pieces by offset, non-overlapping; null while empty so idle connections stay small. */
    private TreeMap<Long, Piece> buffer;
    private long bufferedBytes;
    private DeliveredHistory history;
    private final CaptureBuffers captureBuffers;
    /** Room for out-of-order bytes, shared by every connection of the audit; null: only this one's own bound. */
    private final FlowBudget budget;

    /** A reassembler for one direction with the given bounds, emitting to {@code sink}. */
    public TcpReassembler(TcpLimits limits, StreamSink sink) {
        this(limits, sink, null);
    }

    /**
     * As {@link #TcpReassembler(TcpLimits, StreamSink)}; bytes delivered from {@code captureBuffers} are
     * remembered by their place in the capture file and read again when a retransmission overlaps them, instead
     * of being copied (null: copy them).
     */
    public TcpReassembler(TcpLimits limits, StreamSink sink, CaptureBuffers captureBuffers) {
        this(limits, sink, captureBuffers, null);
    }

    /**
     * As {@link #TcpReassembler(TcpLimits, StreamSink, CaptureBuffers)}, holding out-of-order bytes only while
     * {@code budget} (if not null), shared by every connection of the audit, has room for them.
     */
    public TcpReassembler(TcpLimits limits, StreamSink sink, CaptureBuffers captureBuffers, FlowBudget budget) {
        this.limits = limits;
        this.sink = sink;
        this.captureBuffers = captureBuffers;
        this.budget = budget;
    }

    /** {@link #segment(long, int, byte[], int, int, int, long, long)} with no bytes cut by the capture. */
    public void segment(long seq, int flags, byte[] data, int off, int len, long frameNumber, long timeNanos) {
        segment(seq, flags, data, off, len, 0, frameNumber, timeNanos);
    }

    /**
     * One segment of this direction.
     *
     * @param seq         sequence number (unsigned 32 bits; higher bits ignored)
     * @param flags       TCP flags (FIN 0x01, SYN 0x02, RST 0x04; others ignored)
     * @param data        array holding the payload (not kept: bytes that must wait are copied)
     * @param off         payload offset in {@code data}
     * @param len         payload bytes present
     * @param missing     payload bytes announced but cut by the capture's snaplen (reported as a gap)
     * @param frameNumber frame that carried the segment
     * @param timeNanos   capture time of that frame
     */
    public void segment(long seq, int flags, byte[] data, int off, int len, int missing, long frameNumber,
                        long timeNanos) {
        if (state == FINISHED) {
            return;
        }
        boolean syn = (flags & SYN) != 0;
        int s = (int) seq;
        if (state == NEW) {
            start(s, syn);
        }
        if (syn) {
            s++; // the SYN occupies one sequence number; its data (TCP Fast Open) follows it
        }
        if (state == RESET) {
            if (len + missing > 0) {
                sink.anomaly(FlowAnomalies.TCP_DATA_AFTER_RST, 1);
            }
            return;
        }
        if ((flags & RST) != 0) {
            if (len + missing > 0) {
                sink.anomaly(FlowAnomalies.TCP_RST_WITH_DATA, 1);
            }
            state = RESET;
            reset = true;
            return;
        }
        boolean fin = (flags & FIN) != 0;
        if (len + missing == 0 && !fin) {
            return; // a pure ACK: nothing for the stream
        }
        long start = nextOffset + (s - nextSeq); // int subtraction: signed distance, handles the 2^32 wrap
        long end = start + len + missing;
        if (nextOffset - end > limits.maxBufferedBytes()) {
            sink.anomaly(FlowAnomalies.TCP_SEQ_JUMP, 1); // far behind: old or forged, never delivered
            return;
        }
        if (start - reach() > limits.maxBufferedBytes()) {
            sink.anomaly(FlowAnomalies.TCP_SEQ_JUMP, 1);
            if (++jumpRun < SEQ_JUMP_RESYNC_SEGMENTS) {
                return;
            }
            resync(start);
        }
        jumpRun = 0;
        if (fin) {
            if (finOffset < 0) {
                finOffset = end;
            } else if (finOffset != end) {
                sink.anomaly(FlowAnomalies.TCP_FIN_INCONSISTENT, 1);
            }
        }
        if (finOffset >= 0 && end > finOffset) {
            sink.anomaly(FlowAnomalies.TCP_DATA_AFTER_FIN, 1);
            long keep = Math.max(0, finOffset - start);
            missing = (int) Math.max(0, Math.min(missing, keep - len));
            len = (int) Math.min(len, keep);
            end = start + len + missing;
        }
        if (start > nextOffset && len + missing > 0) {
            sink.anomaly(FlowAnomalies.TCP_OUT_OF_ORDER, 1);
        }
        if (len > 0) {
            accept(start, data, off, len, frameNumber, timeNanos);
        }
        if (missing > 0) {
            sink.anomaly(FlowAnomalies.TCP_SNAPLEN_CUT, 1);
            accept(start + len, null, 0, missing, frameNumber, timeNanos);
        }
    }

    /**
     * The connection ended (or the capture did): deliver everything buffered, reporting each hole before it as a
     * gap, and a final hole before a seen FIN. Later calls are ignored.
     */
    public void finish() {
        if (state == FINISHED) {
            return;
        }
        flushAll();
        if (finOffset > nextOffset) {
            skipTo(finOffset);
        }
        state = FINISHED;
        history = null;
    }

    /** True once a FIN was seen in this direction. */
    public boolean finSeen() {
        return finOffset >= 0;
    }

    /** True once a RST was seen in this direction. */
    public boolean resetSeen() {
        return reset;
    }

    /** Stream offset of the next byte to deliver: bytes delivered plus gap bytes reported so far. */
    public long nextOffset() {
        return nextOffset;
    }

    /** Out-of-order bytes currently held. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Out-of-order pieces currently held. */
    public int bufferedSegments() {
        return buffer == null ? 0 : buffer.size();
    }

    private void start(int s, boolean syn) {
        sawSyn = syn;
        synSeq = s;
        nextSeq = syn ? s + 1 : s;
        if (!syn) {
            sink.anomaly(FlowAnomalies.TCP_MID_STREAM_START, 1);
        }
        state = OPEN;
    }

    /**
     * Whether a SYN with sequence number {@code seq} opens another connection on the same ports: this direction began
     * with a SYN of another number (a retransmitted SYN carries the same), or without a SYN, which a connection's
     * segments never come before.
     */
    public boolean isAnotherConnectionsSyn(long seq) {
        return state != NEW && (!sawSyn || synSeq != (int) seq);
    }

    /** True when the whole SYN was seen for this direction (offset 0 is really the first byte). */
    public boolean sawSyn() {
        return sawSyn;
    }

    /**
     * Where "ahead" is measured from: the end of the buffered data, or the next expected byte. Measuring from the
     * buffered data lets a long run after a lost segment fill the buffer (and be flushed) instead of looking like a
     * jump.
     */
    private long reach() {
        return buffer == null ? nextOffset : Math.max(nextOffset, buffer.lastEntry().getValue().end());
    }

    /** The sender's numbers moved ahead for good: flush, report the skipped bytes as a gap, go on from there. */
    private void resync(long start) {
        sink.anomaly(FlowAnomalies.TCP_SEQ_RESYNC, 1);
        flushAll();
        skipTo(start);
    }

    /** Handles bytes {@code [start, start + len)}; {@code data == null} means they are known to be missing. */
    private void accept(long start, byte[] data, int off, int len, long frame, long time) {
        long end = start + len;
        boolean inconsistent = false;
        if (start < nextOffset && data != null) {
            sink.anomaly(end <= nextOffset ? FlowAnomalies.TCP_RETRANSMISSION
                    : FlowAnomalies.TCP_PARTIAL_RETRANSMISSION, 1);
            inconsistent = history != null
                    && history.differs(start, data, off, (int) (Math.min(end, nextOffset) - start));
        }
        if (end <= nextOffset) {
            countInconsistent(inconsistent);
            return;
        }
        if (buffer != null && data != null) {
            inconsistent |= differsFromBuffered(start, end, data, off);
        }
        countInconsistent(inconsistent);
        long cur = Math.max(start, nextOffset);
        String refused;
        while (cur < end) {
            if (cur < nextOffset) {
                cur = Math.min(end, nextOffset); // delivered meanwhile from the buffer (first seen wins)
                continue;
            }
            Map.Entry<Long, Piece> below = buffer == null ? null : buffer.floorEntry(cur);
            if (below != null && below.getValue().end() > cur) {
                cur = Math.min(end, below.getValue().end()); // already buffered: first seen wins
                continue;
            }
            Long above = buffer == null ? null : buffer.higherKey(cur);
            long stop = above == null ? end : Math.min(end, above);
            int pieceOff = off + (int) (cur - start);
            int pieceLen = (int) (stop - cur);
            if (cur == nextOffset) {
                deliver(data, pieceOff, pieceLen, frame, time);
                drain();
            } else if ((refused = store(cur, data, pieceOff, pieceLen, frame, time)) != null) {
                sink.anomaly(refused, 1);
                Map.Entry<Long, Piece> first = buffer == null ? null : buffer.firstEntry();
                skipTo(first == null ? cur : Math.min(cur, first.getKey()));
                drain();
                continue;
            }
            cur = stop;
        }
    }

    private void countInconsistent(boolean inconsistent) {
        if (inconsistent) {
            sink.anomaly(FlowAnomalies.TCP_OVERLAP_INCONSISTENT, 1);
        }
    }

    private boolean differsFromBuffered(long start, long end, byte[] data, int off) {
        Long from = buffer.floorKey(start);
        for (Piece p : buffer.subMap(from == null ? start : from, true, end, false).values()) {
            long lo = Math.max(start, p.offset());
            long hi = Math.min(end, p.end());
            if (p.data() == null) {
                continue;
            }
            for (long o = lo; o < hi; o++) {
                if (p.data()[(int) (o - p.offset())] != data[off + (int) (o - start)]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Copies a piece into the buffer; the anomaly of the bound it would pass, or null when it is held. */
    private String store(long offset, byte[] data, int off, int len, long frame, long time) {
        int count = buffer == null ? 0 : buffer.size();
        if (bufferedBytes + len > limits.maxBufferedBytes() || count + 1 > limits.maxBufferedSegments()) {
            return FlowAnomalies.TCP_OOO_BUFFER_FULL;
        }
        if (data != null && budget != null && !budget.takeBuffered(len)) {
            return FlowAnomalies.TCP_OOO_MEMORY_FULL;
        }
        if (buffer == null) {
            buffer = new TreeMap<>();
        }
        byte[] copy = data == null ? null : java.util.Arrays.copyOfRange(data, off, off + len);
        buffer.put(offset, new Piece(offset, copy, len, frame, time));
        bufferedBytes += len;
        return null;
    }

    /** Delivers buffered pieces that now continue the stream. */
    private void drain() {
        while (buffer != null) {
            Map.Entry<Long, Piece> e = buffer.firstEntry();
            if (e == null || e.getKey() > nextOffset) {
                break;
            }
            Piece p = buffer.pollFirstEntry().getValue();
            bufferedBytes -= p.length();
            if (p.data() != null && budget != null) {
                budget.giveBackBuffered(p.length());
            }
            if (p.end() > nextOffset) {
                int skip = (int) (nextOffset - p.offset());
                deliver(p.data(), skip, p.length() - skip, p.frame(), p.time());
            }
            if (buffer.isEmpty()) {
                buffer = null;
            }
        }
    }

    /** Gives up on every hole: delivers all buffered pieces with a gap before each. */
    private void flushAll() {
        while (buffer != null) {
            skipTo(buffer.firstKey());
            drain();
        }
    }

    /** Reports {@code [nextOffset, target)} as a gap and continues the stream at {@code target}. */
    private void skipTo(long target) {
        long len = target - nextOffset;
        if (len <= 0) {
            return;
        }
        sink.gap(nextOffset, len);
        sink.anomaly(FlowAnomalies.TCP_GAP, 1);
        sink.anomaly(FlowAnomalies.TCP_GAP_BYTES, len);
        advance(len);
        if (history != null) {
            history.restartAt(nextOffset);
        }
    }

    /** Hands bytes at {@link #nextOffset} to the sink; {@code data == null} hands over a known-missing range. */
    private void deliver(byte[] data, int off, int len, long frame, long time) {
        if (data == null) {
            skipTo(nextOffset + len);
            return;
        }
        sink.data(new StreamChunk(data, off, len, nextOffset, frame, time));
        if (limits.historyBytes() > 0) {
            if (history == null) {
                history = new DeliveredHistory(limits.historyBytes(), nextOffset, captureBuffers);
            }
            history.append(data, off, len);
        }
        advance(len);
    }

    private void advance(long len) {
        nextOffset += len;
        nextSeq += (int) len;
    }
}
