package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When a retired read buffer may be used again: after the recent buffers moved past it and its frames are done. */
class ReadBuffersTest {

    private static final int BYTES = 128 * 1024;

    /** Frames handed out and handled as a test sets them. */
    private static final class Frames implements ReadBuffers.Consumers {
        long next = 1;
        long handledBelow = 1;

        @Override
        public long nextFrame() {
            return next;
        }

        @Override
        public long handledBelow() {
            return handledBelow;
        }
    }

    @Test
    void aBufferWaitsForTheRecentBuffersToMovePastItAndForTheFramesHandedOutMeanwhile() {
        Frames frames = new Frames();
        ReadBuffers pool = new ReadBuffers(BYTES, new CaptureBuffers(2), frames, false);
        byte[] first = pool.fresh();
        frames.next = 10;
        pool.retire(first); // stamped 10: frame 10 may still be read into it
        frames.next = 20;
        pool.retire(new byte[BYTES]);
        frames.handledBelow = 1_000;
        // Still one of the two recent buffers kept for retransmission checks.
        assertThat(pool.fresh()).isNotSameAs(first);
        frames.next = 30;
        pool.retire(new byte[BYTES]);
        // Out of the recent buffers since the retirement stamped 30; frames up to 30 may have found it there.
        frames.handledBelow = 30;
        assertThat(pool.fresh()).isNotSameAs(first);
        frames.handledBelow = 31;
        assertThat(pool.fresh()).isSameAs(first);
        assertThat(pool.reused()).isEqualTo(1);
    }

    @Test
    void withoutRecentBuffersABufferWaitsForItsOwnFramesOnly() {
        Frames frames = new Frames();
        ReadBuffers pool = new ReadBuffers(BYTES, null, frames, false);
        byte[] first = pool.fresh();
        frames.next = 5;
        pool.retire(first);
        frames.handledBelow = 5;
        assertThat(pool.fresh()).isNotSameAs(first);
        frames.handledBelow = 6;
        assertThat(pool.fresh()).isSameAs(first);
    }

    @Test
    void aReusedBufferIsPoisonedWhenAskedAndNoneIsReusedWithoutConsumers() {
        Frames frames = new Frames();
        ReadBuffers poisoning = new ReadBuffers(BYTES, null, frames, true);
        byte[] b = poisoning.fresh();
        b[7] = 1;
        poisoning.retire(b);
        frames.handledBelow = 2;
        byte[] again = poisoning.fresh();
        assertThat(again).isSameAs(b).containsOnly((byte) 0xA5);

        ReadBuffers never = new ReadBuffers(BYTES, null, null, false);
        byte[] c = never.fresh();
        never.retire(c);
        assertThat(never.fresh()).isNotSameAs(c);
        assertThat(never.reused()).isZero();
    }

    @Test
    void aReaderClosedTwiceGivesItsBufferBackOnce() throws java.io.IOException {
        Frames frames = new Frames();
        ReadBuffers pool = new ReadBuffers(BYTES, null, frames, false);
        CaptureInput in = new CaptureInput(new java.io.ByteArrayInputStream(new byte[10]), pool, null, -1);
        in.close();
        in.close();
        frames.handledBelow = Long.MAX_VALUE;
        assertThat(pool.fresh()).isNotSameAs(pool.fresh());
        assertThat(pool.reused()).isEqualTo(1);
    }

    @Test
    void retiredBuffersAreBoundedAndOnlyReadBuffersArePooled() {
        Frames frames = new Frames();
        ReadBuffers pool = new ReadBuffers(BYTES, null, frames, false);
        // An array of a body larger than a buffer is no read buffer.
        byte[] oddSize = new byte[BYTES + 1];
        pool.retire(oddSize);
        frames.handledBelow = Long.MAX_VALUE;
        assertThat(pool.fresh()).isNotSameAs(oddSize).hasSize(BYTES);
        frames.handledBelow = 1;
        byte[][] retired = new byte[ReadBuffers.MAX_RETIRED + 6][];
        for (int i = 0; i < retired.length; i++) {
            retired[i] = new byte[BYTES];
            pool.retire(retired[i]);
        }
        frames.handledBelow = Long.MAX_VALUE;
        // A frame handler that stopped cannot make the pool grow: the oldest went to the collector.
        assertThat(pool.fresh()).isSameAs(retired[6]);
        assertThatThrownBy(() -> new ReadBuffers(64 * 1024, null, frames, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
