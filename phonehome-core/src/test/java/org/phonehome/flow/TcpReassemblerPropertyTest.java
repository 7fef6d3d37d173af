package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random streams cut into random segments, reordered within a window, with duplicates: what comes out must be
 * exactly the original stream, minus exactly the bytes never sent, reported as gaps.
 */
class TcpReassemblerPropertyTest {
    private static final int RUNS = 300;
    private static final int ACK = 0x10;
    private static final int SYN = 0x02;
    private static final int FIN = 0x01;

    /** A segment to feed: stream range [offset, offset + length). */
    private record Seg(int offset, int length) {
    }

    @Test
    void reorderedAndDuplicatedSegmentsReassembleToTheOriginal() {
        for (int run = 0; run < RUNS; run++) {
            Random rnd = new Random(run);
            byte[] stream = randomBytes(rnd);
            List<Seg> segs = cut(rnd, stream.length);
            List<Seg> fed = disorder(rnd, withDuplicates(rnd, segs));
            RecordingSink sink = feed(rnd, stream, fed, TcpLimits.DEFAULT);
            assertThat(sink.bytes()).as("run %d", run).isEqualTo(stream);
            assertThat(sink.gaps()).as("run %d", run).isEmpty();
            assertThat(sink.anomaly("tcp_overlap_inconsistent")).isZero();
        }
    }

    @Test
    void removedSegmentsComeOutAsExactlyTheirGaps() {
        for (int run = 0; run < RUNS; run++) {
            Random rnd = new Random(1_000_000 + run);
            byte[] stream = randomBytes(rnd);
            List<Seg> segs = cut(rnd, stream.length);
            List<Seg> kept = new ArrayList<>();
            for (Seg s : segs) {
                if (rnd.nextInt(5) != 0) {
                    kept.add(s);
                }
            }
            List<Seg> fed = disorder(rnd, withDuplicates(rnd, kept));
            RecordingSink sink = feed(rnd, stream, fed, TcpLimits.DEFAULT);
            BitSet have = new BitSet();
            for (Seg s : fed) { // duplicates may span into a removed segment, so count what was really fed
                have.set(s.offset(), Math.min(stream.length, s.offset() + s.length()));
            }
            assertThat(sink.gaps()).as("run %d", run).usingElementComparator(TcpReassemblerPropertyTest::compare)
                    .containsExactlyElementsOf(holes(have, stream.length));
            assertDataMatches(sink, stream, run);
            assertThat(sink.bytes().length).isEqualTo(have.cardinality());
        }
    }

    @Test
    void tinyBuffersStillTileTheStreamWithDataAndGaps() {
        for (int run = 0; run < RUNS; run++) {
            Random rnd = new Random(2_000_000 + run);
            byte[] stream = randomBytes(rnd);
            List<Seg> fed = disorder(rnd, withDuplicates(rnd, cut(rnd, stream.length)));
            RecordingSink sink = feed(rnd, stream, fed, new TcpLimits(1 + rnd.nextInt(3000), 1 + rnd.nextInt(8), 64));
            assertDataMatches(sink, stream, run);
            long covered = sink.events.stream().mapToLong(RecordingSink.Event::length).sum();
            // A segment beyond the window is dropped by design (tcp_seq_jump); without one, nothing may be lost.
            if (sink.anomaly("tcp_seq_jump") == 0) {
                assertThat(covered).as("run %d", run).isEqualTo(stream.length);
            } else {
                assertThat(covered).as("run %d", run).isLessThanOrEqualTo(stream.length);
            }
        }
    }

    private static int compare(long[] a, long[] b) {
        return Arrays.compare(a, b);
    }

    private static void assertDataMatches(RecordingSink sink, byte[] stream, int run) {
        for (RecordingSink.Event e : sink.events) {
            if (!e.isGap()) {
                byte[] expected = Arrays.copyOfRange(stream, (int) e.offset(), (int) (e.offset() + e.length()));
                assertThat(e.bytes()).as("run %d at %d", run, e.offset()).isEqualTo(expected);
            }
        }
    }

    private static List<long[]> holes(BitSet have, int length) {
        List<long[]> holes = new ArrayList<>();
        int i = have.nextClearBit(0);
        while (i < length) {
            int j = Math.min(length, have.nextSetBit(i) < 0 ? length : have.nextSetBit(i));
            holes.add(new long[] {i, j - i});
            i = have.nextClearBit(j);
        }
        return holes;
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(20_000)];
        rnd.nextBytes(b);
        return b;
    }

    private static List<Seg> cut(Random rnd, int length) {
        List<Seg> segs = new ArrayList<>();
        for (int off = 0; off < length; ) {
            int len = Math.min(length - off, 1 + rnd.nextInt(1500));
            segs.add(new Seg(off, len));
            off += len;
        }
        return segs;
    }

    /** Adds copies of some segments and of random ranges spanning segment boundaries (re-segmented retransmits). */
    private static List<Seg> withDuplicates(Random rnd, List<Seg> segs) {
        List<Seg> out = new ArrayList<>(segs);
        for (Seg s : segs) {
            if (rnd.nextInt(6) == 0) {
                out.add(s);
            }
            if (rnd.nextInt(10) == 0 && s.length() > 1) {
                int from = s.offset() + rnd.nextInt(s.length());
                out.add(new Seg(from, 1 + rnd.nextInt(s.length())));
            }
        }
        return out;
    }

    /** Moves each segment by up to a window of positions: reordering as a network does it, with bounded distance. */
    private static List<Seg> disorder(Random rnd, List<Seg> segs) {
        List<Seg> out = new ArrayList<>(segs);
        out.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        int window = 1 + rnd.nextInt(20);
        for (int i = 0; i < out.size(); i++) {
            int j = Math.min(out.size() - 1, i + rnd.nextInt(window));
            Seg t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /**
     * Feeds a SYN (ISN random, often near the 2^32 wrap), the segments (clipped to the stream; a duplicate may
     * run past its end), and a FIN at the end so trailing holes are known, then finishes.
     */
    private static RecordingSink feed(Random rnd, byte[] stream, List<Seg> segs, TcpLimits limits) {
        RecordingSink sink = new RecordingSink();
        TcpReassembler r = new TcpReassembler(limits, sink);
        long isn = rnd.nextBoolean() ? rnd.nextInt() & 0xffffffffL : 0xffffffffL - rnd.nextInt(30_000);
        r.segment(isn, SYN, new byte[0], 0, 0, 0, 0);
        long frame = 1;
        for (Seg s : segs) {
            int len = Math.min(s.length(), stream.length - s.offset());
            r.segment((isn + 1 + s.offset()) & 0xffffffffL, ACK, stream, s.offset(), len, frame++, 0);
        }
        r.segment((isn + 1 + stream.length) & 0xffffffffL, FIN | ACK, new byte[0], 0, 0, frame, 0);
        r.finish();
        return sink;
    }
}
