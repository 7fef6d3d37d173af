package org.phonehome.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared bound on what the parsers of an audit's workers hold ({@link ParserMemory}). */
class ParserMemoryTest {

    @Test
    void siblingsNeverHoldMoreThanTheBoundAndTwoChunksEachUnused() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            long bound = random.nextInt(4 * (int) ParserMemory.CHUNK);
            ParserMemory first = new ParserMemory(bound);
            ParserMemory[] workers = {first, first.sibling()};
            List<List<Long>> held = List.of(new ArrayList<>(), new ArrayList<>());
            long total = 0;
            for (int step = 0; step < 400; step++) {
                int w = random.nextInt(2);
                List<Long> mine = held.get(w);
                if (!mine.isEmpty() && random.nextInt(3) == 0) {
                    long n = mine.remove(random.nextInt(mine.size()));
                    workers[w].giveBack(n);
                    total -= n;
                    continue;
                }
                long n = 1 + random.nextInt(random.nextBoolean() ? 2_000 : 200_000);
                if (workers[w].take(n)) {
                    mine.add(n);
                    total += n;
                } else {
                    // refused only when the bound, less what the other holds unused, has no room
                    assertThat(total + n).as("round %d step %d", round, step)
                            .isGreaterThan(bound - workers[1 - w].unused());
                }
                assertThat(total).isLessThanOrEqualTo(bound);
                for (ParserMemory m : workers) {
                    assertThat(m.unused()).isBetween(0L, 2 * ParserMemory.CHUNK);
                }
            }
            for (int w = 0; w < 2; w++) {
                for (long n : held.get(w)) {
                    workers[w].giveBack(n);
                }
            }
            assertThat(first.left() + workers[1].unused()).as("round %d", round).isEqualTo(bound);
        }
    }

}
