package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.proto.ParserMemory;

/**
 * HTTP/1.x messages that meet the shared bound on what unfinished messages hold ({@link ParserMemory}) keep what
 * fits, say so, and give their room back however they end.
 */
class HttpMemoryTest {
    private static final long BOUND = 64 * 1024;

    private static final String CONNECT = "CONNECT up.example.com:443 HTTP/1.1\r\nHost: up.example.com:443\r\n\r\n";

    private static String post(int bodyLength) {
        return "POST /up HTTP/1.1\r\nHost: up.example.com\r\nContent-Length: " + bodyLength + "\r\n\r\n";
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + i % 10));
        }
        return b.toString();
    }

    @Test
    void aBodyPastTheSharedBoundIsCutAndCountedAsSuch() {
        ParserMemory memory = new ParserMemory(BOUND);
        RecordingSink s = new Wire(HttpLimits.DEFAULTS, memory).out(post(200_000) + digits(200_000))
                .in("HTTP/1.1 204 No Content\r\n\r\n").end();
        assertThat(s.requests).singleElement().satisfies(r -> {
            assertThat(r.body().raw().length).isBetween((int) BOUND / 2, (int) BOUND);
            assertThat(new String(r.body().raw(), 0, 20, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(digits(20));
            assertThat(r.flags()).contains(HttpFlag.BODY_TRUNCATED).doesNotContain(HttpFlag.INCOMPLETE);
        });
        assertThat(s.responses).hasSize(1);
        assertThat(s.bodyBytesNotScanned + s.requests.get(0).body().raw().length).isEqualTo(200_000);
        assertThat(s.anomalies).containsExactly(HttpAnomalies.MEMORY_FULL);
        assertThat(memory.left()).isEqualTo(BOUND);
    }

    @Test
    void anUnfinishedBodyKeepsOthersOutUntilItsConnectionEnds() {
        ParserMemory memory = new ParserMemory(BOUND);
        Wire holding = new Wire(HttpLimits.DEFAULTS, memory).out(post(100_000) + digits(60_000));
        RecordingSink refused = new Wire(HttpLimits.DEFAULTS, memory).out(post(20_000) + digits(20_000)).end();
        assertThat(refused.requests).singleElement().satisfies(r -> {
            assertThat(r.body().raw().length).isLessThan(20_000);
            assertThat(r.flags()).contains(HttpFlag.BODY_TRUNCATED);
        });
        assertThat(refused.anomalies).containsExactly(HttpAnomalies.MEMORY_FULL);

        RecordingSink cut = holding.end();
        assertThat(cut.requests).singleElement().satisfies(r -> assertThat(r.flags()).contains(HttpFlag.INCOMPLETE));
        assertThat(memory.left()).isEqualTo(BOUND);
        RecordingSink kept = new Wire(HttpLimits.DEFAULTS, memory).out(post(20_000) + digits(20_000)).end();
        assertThat(kept.requests).singleElement().satisfies(r -> {
            assertThat(r.body().raw()).hasSize(20_000);
            assertThat(r.flags()).isEmpty();
        });
        assertThat(kept.anomalies).isEmpty();
        assertThat(memory.left()).isEqualTo(BOUND);
    }

    @Test
    void headersPastTheSharedBoundAreDroppedButTheFramingIsKept() {
        ParserMemory memory = new ParserMemory(1_000);
        StringBuilder head = new StringBuilder("POST /up HTTP/1.1\r\nHost: up.example.com\r\n");
        for (int i = 0; i < 20; i++) {
            head.append("X-Filler-").append(i).append(": ").append(digits(60)).append("\r\n");
        }
        head.append("Content-Length: 5\r\n\r\nhello");
        RecordingSink s = new Wire(HttpLimits.DEFAULTS, memory)
                .out(head + "GET /next HTTP/1.1\r\nHost: up.example.com\r\n\r\n").end();
        assertThat(s.requests).hasSize(2);
        HttpRequest first = s.requests.get(0);
        assertThat(first.flags()).contains(HttpFlag.HEADERS_TRUNCATED);
        assertThat(first.headers()).extracting(HttpHeader::name).contains("Host", "Content-Length")
                .hasSizeLessThan(22);
        assertThat(s.requests.get(1).target()).isEqualTo("/next");
        assertThat(s.requests.get(1).flags()).isEmpty();
        assertThat(s.anomalies).containsExactly(HttpAnomalies.MEMORY_FULL);
        assertThat(memory.left()).isEqualTo(1_000);
    }

    @Test
    void aDroppedParserGivesBackWhatItsMessagesHeld() {
        ParserMemory memory = new ParserMemory(BOUND);
        Wire w = new Wire(HttpLimits.DEFAULTS, memory).out(post(100_000) + digits(30_000))
                .in("HTTP/1.1 200 OK\r\nContent-Length: 50000\r\n\r\n" + digits(10_000));
        assertThat(memory.left()).isLessThan(BOUND - 40_000);
        w.parser.drop();
        assertThat(memory.left()).isEqualTo(BOUND);
        assertThat(w.end().requests).isEmpty();
    }

    @Test
    void aGapGivesBackTheRoomOfTheMessageItCuts() {
        ParserMemory memory = new ParserMemory(BOUND);
        Wire w = new Wire(HttpLimits.DEFAULTS, memory).out(post(100_000) + digits(30_000));
        w.gap(Direction.OUTBOUND, 1_000);
        assertThat(memory.left()).isEqualTo(BOUND);
        assertThat(w.end().requests).singleElement()
                .satisfies(r -> assertThat(r.flags()).contains(HttpFlag.INCOMPLETE));
    }

    @Test
    void aLongLinePastTheSharedBoundIsCutToItsRoomAndTheNextRequestIsRead() {
        ParserMemory memory = new ParserMemory(4_096);
        RecordingSink s = new Wire(HttpLimits.DEFAULTS, memory)
                .out("GET /a HTTP/1.1\r\nHost: up.example.com\r\nCookie: " + digits(20_000) + "\r\n\r\n"
                        + "GET /next HTTP/1.1\r\nHost: up.example.com\r\n\r\n").end();
        assertThat(s.requests).extracting(HttpRequest::target).containsExactly("/a", "/next");
        assertThat(s.requests.get(0).flags()).contains(HttpFlag.HEADERS_TRUNCATED);
        assertThat(s.requests.get(0).headers()).extracting(HttpHeader::name).containsExactly("Host");
        assertThat(s.requests.get(1).flags()).isEmpty();
        assertThat(s.anomalies).containsExactlyInAnyOrder(HttpAnomalies.MEMORY_FULL, HttpAnomalies.HEADER_TOO_LARGE);
        assertThat(memory.left()).isEqualTo(4_096);
    }

    @Test
    void resynchronisingPastTheSharedBoundSlidesWithinItsRoom() {
        ParserMemory memory = new ParserMemory(4_096);
        Wire w = new Wire(HttpLimits.DEFAULTS, memory);
        byte[] garbage = new byte[200_000];
        java.util.Arrays.fill(garbage, (byte) 'z');
        w.out("GET /a HTTP/1.1\r\nHost: up.example.com\r\n\r\n").gap(Direction.OUTBOUND, 10);
        w.sendCut(Direction.OUTBOUND, garbage, 1_448, 2_896, 100_000);
        RecordingSink s = w.out("GET /next HTTP/1.1\r\nHost: up.example.com\r\n\r\n").end();
        assertThat(s.requests).extracting(HttpRequest::target).containsExactly("/a", "/next");
        assertThat(s.anomalies).contains(HttpAnomalies.MEMORY_FULL);
        assertThat(memory.left()).isEqualTo(4_096);
    }

    @Test
    void bytesSentBeforeAConnectIsAnsweredAreHeldWithinTheSharedBound() {
        ParserMemory memory = new ParserMemory(BOUND);
        Wire w = new Wire(HttpLimits.DEFAULTS, memory)
                .out(CONNECT)
                .out(digits(30_000));
        assertThat(BOUND - memory.left()).isGreaterThanOrEqualTo(30_000);
        w.in("HTTP/1.1 200 Connection established\r\n\r\n");
        assertThat(memory.left()).isEqualTo(BOUND);
        assertThat(w.sink.tunnel.get(Direction.OUTBOUND).size()).isEqualTo(30_000);

        ParserMemory small = new ParserMemory(10_000);
        Wire refused = new Wire(HttpLimits.DEFAULTS, small)
                .out(CONNECT)
                .out(digits(5_000)).out(digits(30_000));
        assertThat(refused.sink.anomalies).contains(HttpAnomalies.MEMORY_FULL);
        assertThat(small.left()).isLessThanOrEqualTo(5_000);
        refused.parser.drop();
        assertThat(small.left()).isEqualTo(10_000);
    }

    @Test
    void aConnectNeverAnsweredGivesBackWhatItsReplayHeldAgain() {
        ParserMemory memory = new ParserMemory(BOUND);
        // never answered: at the end the held bytes are read as HTTP, and hold the second CONNECT's bytes again
        RecordingSink s = new Wire(HttpLimits.DEFAULTS, memory)
                .out("CONNECT a.example.com:443 HTTP/1.1\r\n\r\n")
                .out("CONNECT b.example.com:443 HTTP/1.1\r\n\r\n" + digits(3_000)).end();
        assertThat(s.requests).extracting(HttpRequest::method).containsExactly("CONNECT", "CONNECT");
        assertThat(memory.left()).isEqualTo(BOUND);
    }
}
