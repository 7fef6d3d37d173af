package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.flow.TestPackets.ascii;

import org.junit.jupiter.api.Test;

/** One crafted script of segments per edge case: segments in, sink calls out. */
class TcpReassemblerTest {
    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    private final RecordingSink sink = new RecordingSink();
    private TcpReassembler r = new TcpReassembler(TcpLimits.DEFAULT, sink);
    private long frame;

    private void seg(long seq, int flags, String data) {
        byte[] b = ascii(data);
        r.segment(seq, flags, b, 0, b.length, ++frame, frame * 1000);
    }

    @Test
    void inOrderSegmentsAreDeliveredWithTheirFrames() {
        seg(1000, SYN, "");
        seg(1001, ACK, "hello");
        seg(1006, ACK, " world");
        r.finish();
        assertThat(sink.described()).containsExactly("data(0,\"hello\")", "data(5,\" world\")");
        assertThat(sink.events).extracting(RecordingSink.Event::frame).containsExactly(2L, 3L);
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void inOrderBytesAreNotCopied() {
        byte[] b = ascii("xhellox");
        StreamChunk[] seen = new StreamChunk[1];
        TcpReassembler direct = new TcpReassembler(TcpLimits.DEFAULT, new StreamSink() {
            @Override
            public void data(StreamChunk c) {
                seen[0] = c;
            }

            @Override
            public void gap(long o, long l) {
            }
        });
        direct.segment(0, SYN, b, 0, 0, 1, 0);
        direct.segment(1, ACK, b, 1, 5, 2, 0);
        assertThat(seen[0].data()).isSameAs(b);
        assertThat(seen[0].offset()).isEqualTo(1);
    }

    @Test
    void outOfOrderSegmentsAreBufferedThenDeliveredInOrder() {
        seg(1000, SYN, "");
        seg(1006, ACK, " world");
        assertThat(sink.events).isEmpty();
        assertThat(r.bufferedBytes()).isEqualTo(6);
        seg(1001, ACK, "hello");
        assertThat(sink.described()).containsExactly("data(0,\"hello\")", "data(5,\" world\")");
        assertThat(sink.events).extracting(RecordingSink.Event::frame).containsExactly(3L, 2L);
        assertThat(sink.anomaly("tcp_out_of_order")).isEqualTo(1);
        assertThat(r.bufferedBytes()).isZero();
        assertThat(sink.gaps()).isEmpty();
    }

    @Test
    void retransmissionWithSameBytesIsDroppedAndCounted() {
        seg(1000, SYN, "");
        seg(1001, ACK, "hello");
        seg(1001, ACK, "hello");
        assertThat(sink.text()).isEqualTo("hello");
        assertThat(sink.anomaly("tcp_retransmission")).isEqualTo(1);
        assertThat(sink.anomaly("tcp_overlap_inconsistent")).isZero();
    }

    @Test
    void retransmissionWithDifferentBytesKeepsTheFirstAndCountsInconsistency() {
        seg(1000, SYN, "");
        seg(1001, ACK, "hello");
        seg(1001, ACK, "HELLO");
        assertThat(sink.text()).isEqualTo("hello");
        assertThat(sink.anomaly("tcp_retransmission")).isEqualTo(1);
        assertThat(sink.anomaly("tcp_overlap_inconsistent")).isEqualTo(1);
    }

    @Test
    void differentBytesOverlappingBufferedDataKeepTheBufferedBytes() {
        seg(1000, SYN, "");
        seg(1006, ACK, "world");
        seg(1001, ACK, "helloWORLD!");
        assertThat(sink.text()).isEqualTo("helloworld!");
        assertThat(sink.anomaly("tcp_overlap_inconsistent")).isEqualTo(1);
    }

    @Test
    void partialOverlapDeliversOnlyTheNewPart() {
        seg(1000, SYN, "");
        seg(1001, ACK, "hello");
        seg(1003, ACK, "llo world");
        assertThat(sink.described()).containsExactly("data(0,\"hello\")", "data(5,\" world\")");
        assertThat(sink.anomaly("tcp_partial_retransmission")).isEqualTo(1);
        assertThat(sink.anomaly("tcp_overlap_inconsistent")).isZero();
    }

    @Test
    void sequenceNumbersWrapAround2To32() {
        seg(0xFFFF_FFFDL, SYN, "");
        seg(0xFFFF_FFFEL, ACK, "abcd"); // bytes at seq ffff_fffe, ffff_ffff, 0, 1
        seg(2, ACK, "efgh");
        seg(10, ACK, "mnop"); // out of order after the wrap
        seg(6, ACK, "ijkl");
        r.finish();
        assertThat(sink.described()).containsExactly("data(0,\"abcd\")", "data(4,\"efgh\")", "data(8,\"ijkl\")",
                "data(12,\"mnop\")");
        assertThat(sink.gaps()).isEmpty();
    }

    @Test
    void lossIsReportedAsAGapAtTheRightOffsetAndLength() {
        seg(1000, SYN, "");
        seg(1001, ACK, "hello");
        seg(1011, ACK, "world"); // bytes 5..9 were never captured
        r.finish();
        assertThat(sink.described()).containsExactly("data(0,\"hello\")", "gap(5,5)", "data(10,\"world\")");
        assertThat(sink.anomaly("tcp_gap")).isEqualTo(1);
        assertThat(sink.anomaly("tcp_gap_bytes")).isEqualTo(5);
    }

    @Test
    void holeBeforeASeenFinIsReportedAtFinish() {
        seg(1000, SYN, "");
        seg(1001, ACK, "hello");
        seg(1011, FIN | ACK, "");
        r.finish();
        assertThat(sink.described()).containsExactly("data(0,\"hello\")", "gap(5,5)");
    }

    @Test
    void midStreamStartTakesTheFirstSegmentAsOffsetZero() {
        seg(5000, ACK, "abc");
        seg(5003, ACK, "def");
        assertThat(sink.described()).containsExactly("data(0,\"abc\")", "data(3,\"def\")");
        assertThat(sink.anomaly("tcp_mid_stream_start")).isEqualTo(1);
        assertThat(r.sawSyn()).isFalse();
    }

    @Test
    void synWithDataDeliversItAtOffsetZero() {
        seg(7000, SYN, "GET /"); // TCP Fast Open
        seg(7006, ACK, " HTTP/1.1");
        seg(7000, SYN, "GET /"); // a retransmitted SYN: old data
        assertThat(sink.described()).containsExactly("data(0,\"GET /\")", "data(5,\" HTTP/1.1\")");
        assertThat(sink.anomaly("tcp_retransmission")).isEqualTo(1);
        assertThat(sink.anomaly("tcp_mid_stream_start")).isZero();
    }

    @Test
    void finFixesTheEndAndLaterDataIsIgnored() {
        seg(1000, SYN, "");
        seg(1001, FIN | ACK, "abc");
        assertThat(r.finSeen()).isTrue();
        seg(1004, ACK, "xyz");
        seg(1002, ACK, "bcdef"); // old part plus bytes beyond the FIN
        r.finish();
        assertThat(sink.text()).isEqualTo("abc");
        assertThat(sink.anomaly("tcp_data_after_fin")).isEqualTo(2);
        assertThat(sink.gaps()).isEmpty();
    }

    @Test
    void rstEndsTheStreamAndLaterDataIsIgnored() {
        seg(1000, SYN, "");
        seg(1001, ACK, "abc");
        seg(1004, RST, "");
        assertThat(r.resetSeen()).isTrue();
        seg(1004, ACK, "late");
        r.finish();
        assertThat(sink.text()).isEqualTo("abc");
        assertThat(sink.anomaly("tcp_data_after_rst")).isEqualTo(1);
    }

    @Test
    void connectionsShareOneBoundForTheirOutOfOrderBytes() {
        FlowBudget budget = new FlowBudget(1, 10, 12);
        RecordingSink otherSink = new RecordingSink();
        TcpReassembler other = new TcpReassembler(TcpLimits.DEFAULT, otherSink, null, budget);
        r = new TcpReassembler(TcpLimits.DEFAULT, sink, null, budget);
        seg(1000, SYN, "");
        seg(1006, ACK, "fffff"); // bytes 0..4 lost: 5 bytes wait
        other.segment(1000, SYN, new byte[0], 0, 0, 1, 1000);
        other.segment(1004, ACK, ascii("ddddddd"), 0, 7, 2, 2000); // 7 more: the bound of 12 together
        assertThat(budget.bufferedLeft()).isZero();
        seg(1011, ACK, "kk"); // no room left: this connection gives up its hole and goes on
        assertThat(sink.described()).containsExactly("gap(0,5)", "data(5,\"fffff\")", "data(10,\"kk\")");
        assertThat(sink.anomaly("tcp_ooo_memory_full")).isEqualTo(1);
        assertThat(sink.anomaly("tcp_ooo_buffer_full")).isZero();
        assertThat(budget.bufferedLeft()).isEqualTo(5); // its bytes, delivered, are given back
        other.segment(1001, ACK, ascii("abc"), 0, 3, 3, 3000); // the other's hole fills
        assertThat(otherSink.described()).containsExactly("data(0,\"abc\")", "data(3,\"ddddddd\")");
        assertThat(budget.bufferedLeft()).isEqualTo(12);
        other.segment(1020, ACK, ascii("zz"), 0, 2, 4, 4000);
        other.finish(); // a hole left at the end: its bytes are given back too
        r.finish();
        assertThat(budget.bufferedLeft()).isEqualTo(12);
    }

    @Test
    void outOfOrderBufferOverflowReportsAGapThenDelivers() {
        r = new TcpReassembler(new TcpLimits(10, 100, 0), sink);
        seg(1000, SYN, "");
        // bytes 0..4 lost
        seg(1006, ACK, "fffff");
        seg(1011, ACK, "kkkkk"); // buffer now holds its bound of 10 bytes
        assertThat(sink.events).isEmpty();
        seg(1016, ACK, "ppppp");
        assertThat(sink.described()).containsExactly("gap(0,5)", "data(5,\"fffff\")", "data(10,\"kkkkk\")",
                "data(15,\"ppppp\")");
        assertThat(sink.anomaly("tcp_ooo_buffer_full")).isEqualTo(1);
        assertThat(sink.anomaly("tcp_gap_bytes")).isEqualTo(5);
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void outOfOrderSegmentCountBoundAlsoForcesTheGap() {
        r = new TcpReassembler(new TcpLimits(1000, 2, 0), sink);
        seg(1000, SYN, "");
        seg(1003, ACK, "c");
        seg(1005, ACK, "e");
        seg(1007, ACK, "g");
        assertThat(sink.described()).containsExactly("gap(0,2)", "data(2,\"c\")");
        assertThat(r.bufferedSegments()).isEqualTo(2);
        r.finish();
        assertThat(sink.described()).containsExactly("gap(0,2)", "data(2,\"c\")", "gap(3,1)", "data(4,\"e\")",
                "gap(5,1)", "data(6,\"g\")");
    }

    @Test
    void seqJumpOf2To31IsDroppedWithoutAllocation() {
        seg(1000, SYN, "");
        seg(1001, ACK, "abc");
        byte[] big = new byte[60_000];
        r.segment(1004 + (1L << 31), ACK, big, 0, big.length, ++frame, 0); // 2^31 away: read as behind
        r.segment(1004 + (1L << 31) - 1, ACK, big, 0, big.length, ++frame, 0); // 2^31 - 1 ahead
        assertThat(r.bufferedBytes()).isZero();
        assertThat(sink.anomaly("tcp_seq_jump")).isEqualTo(2);
        seg(1004, ACK, "def");
        r.finish();
        assertThat(sink.described()).containsExactly("data(0,\"abc\")", "data(3,\"def\")");
    }

    @Test
    void persistentSeqJumpResynchronisesWithAGap() {
        r = new TcpReassembler(new TcpLimits(100, 10, 0), sink);
        seg(1000, SYN, "");
        seg(1001, ACK, "abc");
        for (int i = 0; i < TcpReassembler.SEQ_JUMP_RESYNC_SEGMENTS; i++) {
            seg(1004 + 1_000_000 + i, ACK, "x");
        }
        assertThat(sink.anomaly("tcp_seq_resync")).isEqualTo(1);
        assertThat(sink.described()).containsExactly("data(0,\"abc\")",
                "gap(3," + (1_000_000 + TcpReassembler.SEQ_JUMP_RESYNC_SEGMENTS - 1) + ")", "data(1000006,\"x\")");
    }

    @Test
    void snaplenCutBytesAreAGap() {
        seg(1000, SYN, "");
        byte[] b = ascii("abc");
        r.segment(1001, ACK, b, 0, 3, 2, ++frame, 0); // 5 bytes sent, 3 captured
        seg(1006, ACK, "fg");
        assertThat(sink.described()).containsExactly("data(0,\"abc\")", "gap(3,2)", "data(5,\"fg\")");
        assertThat(sink.anomaly("tcp_snaplen_cut")).isEqualTo(1);
    }

    @Test
    void finishIsIdempotentAndLaterSegmentsAreIgnored() {
        seg(1000, SYN, "");
        seg(1005, ACK, "later");
        r.finish();
        r.finish();
        seg(1010, ACK, "more");
        assertThat(sink.described()).containsExactly("gap(0,4)", "data(4,\"later\")");
    }
}
