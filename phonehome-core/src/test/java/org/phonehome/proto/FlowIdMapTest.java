package org.phonehome.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowIdMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        for (long seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            FlowIdMap<String> mine = new FlowIdMap<>();
            Map<Long, String> reference = new HashMap<>();
            int range = 1 + r.nextInt(5000); // small ranges make long collision runs and many removals
            for (int op = 0; op < 20_000; op++) {
                long id = r.nextInt(range) * (r.nextBoolean() ? 1L : 1L << 20);
                switch (r.nextInt(3)) {
                    case 0 -> {
                        String v = "v" + op;
                        mine.put(id, v);
                        reference.put(id, v);
                    }
                    case 1 -> assertThat(mine.remove(id)).isEqualTo(reference.remove(id));
                    default -> assertThat(mine.get(id)).isEqualTo(reference.get(id));
                }
                assertThat(mine.size()).isEqualTo(reference.size());
            }
            for (Map.Entry<Long, String> e : reference.entrySet()) {
                assertThat(mine.get(e.getKey())).isEqualTo(e.getValue());
            }
        }
    }
}
