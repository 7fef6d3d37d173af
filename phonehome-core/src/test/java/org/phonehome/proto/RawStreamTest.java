package org.phonehome.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/**
 * A raw stream cuts its bytes into messages that overlap by {@link RawStream#OVERLAP_BYTES}, holds its bytes within
 * the shared {@link ParserMemory}, ends a message early rather than lose bytes when the bound refuses, and gives
 * back its room.
 */
class RawStreamTest {
    private static final int PIECE = 1448;

    private final List<byte[]> messages = new ArrayList<>();
    private final Counters counters = new Counters();

    private RawStream stream(ParserMemory memory) {
        return new RawStream(1, Direction.OUTBOUND, m -> messages.add(m.parts().get(0).value()), memory, counters);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static void feed(RawStream s, byte[] b) {
        for (int off = 0, frame = 1; off < b.length; off += PIECE, frame++) {
            s.data(new StreamChunk(b, off, Math.min(PIECE, b.length - off), off, frame, frame * 1000L));
        }
    }

    /** The messages joined again, each overlap taken once: what was sent. */
    private byte[] joined() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < messages.size(); i++) {
            byte[] m = messages.get(i);
            int skip = i == 0 ? 0 : overlap(messages.get(i - 1), m);
            out.write(m, skip, m.length - skip);
        }
        return out.toByteArray();
    }

    /** How many of the first bytes of {@code next} repeat the last ones of {@code previous}. */
    private static int overlap(byte[] previous, byte[] next) {
        for (int n = Math.min(RawStream.OVERLAP_BYTES, Math.min(previous.length, next.length)); n > 0; n--) {
            if (Arrays.equals(previous, previous.length - n, previous.length, next, 0, n)) {
                return n;
            }
        }
        return 0;
    }

    @Test
    void fullMessagesOverlapAndALongStreamHoldsOnlyItsOverlapBetweenThem() {
        ParserMemory memory = new ParserMemory(1 << 20);
        RawStream s = stream(memory);
        byte[] sent = random(3 * RawStream.MESSAGE_BYTES);
        feed(s, Arrays.copyOf(sent, RawStream.MESSAGE_BYTES));
        assertThat(messages).hasSize(1);
        assertThat(memory.left()).isEqualTo((1 << 20) - RawStream.OVERLAP_BYTES);
        feed(s, Arrays.copyOfRange(sent, RawStream.MESSAGE_BYTES, sent.length));
        s.end();
        assertThat(messages).hasSize(4);
        assertThat(messages.get(1)).hasSize(RawStream.MESSAGE_BYTES)
                .startsWith(Arrays.copyOfRange(messages.get(0), RawStream.MESSAGE_BYTES - RawStream.OVERLAP_BYTES,
                        RawStream.MESSAGE_BYTES));
        assertThat(joined()).isEqualTo(sent);
        assertThat(counters.snapshot()).isEmpty();
        assertThat(memory.left()).isEqualTo(1 << 20);
    }

    @Test
    void whenTheBoundRefusesMessagesEndEarlyAndNoByteIsLost() {
        long bound = 10_000;
        ParserMemory memory = new ParserMemory(bound);
        RawStream s = stream(memory);
        byte[] sent = random(200_000);
        feed(s, sent);
        s.end();
        assertThat(messages.size()).isGreaterThan(200_000 / RawStream.MESSAGE_BYTES + 1);
        assertThat(messages).allSatisfy(m -> assertThat(m.length).isLessThanOrEqualTo(RawStream.MESSAGE_BYTES));
        assertThat(joined()).isEqualTo(sent);
        assertThat(counters.snapshot()).containsKey(RawStream.MEMORY_FULL);
        assertThat(memory.left()).isEqualTo(bound);
    }

    @Test
    void aDroppedStreamGivesBackItsRoom() {
        ParserMemory memory = new ParserMemory(1 << 20);
        RawStream s = stream(memory);
        feed(s, random(30_000));
        assertThat(memory.left()).isLessThan((1 << 20) - 30_000);
        s.drop();
        assertThat(memory.left()).isEqualTo(1 << 20);
        s.end();
        assertThat(messages).isEmpty();
    }
}
