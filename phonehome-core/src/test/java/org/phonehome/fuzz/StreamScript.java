package org.phonehome.fuzz;

import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/**
 * Replays a {@link FuzzScript} as the two directions of one TCP connection, the way the flow stage tells a protocol
 * parser about it. Op code: bit 0 inbound (server to device, else outbound); bits 1-2: 0 or 1 data (the op's
 * bytes), 2 a gap (length 1 + the op's bytes' count), 3 the end of the connection. Stream offsets are kept per
 * direction, as the reassembler would give them.
 */
final class StreamScript {
    /** What a protocol parser takes. */
    interface Target {
        void data(Direction direction, StreamChunk chunk);

        void gap(Direction direction, long streamOffset, long length);

        void end();
    }

    /** What a parser does with a gap. */
    interface Gap {
        void gap(Direction direction, long streamOffset, long length);
    }

    private StreamScript() {
    }

    /** A target made of a parser's three methods (data is often wrapped to check more per chunk). */
    static Target target(java.util.function.BiConsumer<Direction, StreamChunk> data, Gap gap, Runnable end) {
        return new Target() {
            @Override
            public void data(Direction direction, StreamChunk chunk) {
                data.accept(direction, chunk);
            }

            @Override
            public void gap(Direction direction, long streamOffset, long length) {
                gap.gap(direction, streamOffset, length);
            }

            @Override
            public void end() {
                end.run();
            }
        };
    }

    static void replay(byte[] data, Target target) {
        long[] offsets = new long[2];
        long frame = 0;
        for (FuzzScript.Op op : FuzzScript.parse(data)) {
            Direction d = (op.code() & 1) != 0 ? Direction.INBOUND : Direction.OUTBOUND;
            int kind = (op.code() >>> 1) & 3;
            int i = d.ordinal();
            frame++;
            switch (kind) {
                case 0, 1 -> {
                    byte[] b = op.bytes();
                    if (b.length > 0) {
                        target.data(d, new StreamChunk(b, 0, b.length, offsets[i], frame, frame * 1_000_000L));
                        offsets[i] += b.length;
                    }
                }
                case 2 -> {
                    long length = 1L + op.bytes().length;
                    target.gap(d, offsets[i], length);
                    offsets[i] += length;
                }
                default -> target.end();
            }
        }
        target.end();
    }

    /** Op codes for the seed inputs. */
    static final int OUT = 0;
    static final int IN = 1;
    static final int GAP_OUT = 4;
    static final int END = 6;
}
