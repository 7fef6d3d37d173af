package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phonehome.net.IpAddress;

class FlowMapTest {

    /** One side of a flow: an address and a port. */
    private record Side(IpAddress address, int port) {
    }

    /** What the map must treat as one key: the protocol and the two sides, in either order. */
    private record Key(int protocol, Set<Side> sides) {
        static Key of(int protocol, Side x, Side y) {
            return new Key(protocol, x.equals(y) ? Set.of(x) : Set.of(x, y));
        }
    }

    private static Flow flow(long id) {
        Endpoint e = new Endpoint(IpAddress.parse("10.0.0.1"), 1);
        return new Flow(new FlowInfo(id, "udp", e, e, "test", id, 0, null));
    }

    @Test
    void findsAFlowFromEitherDirectionAndOnlyItsOwn() {
        FlowMap map = new FlowMap();
        IpAddress phone = IpAddress.parse("192.168.1.2");
        IpAddress server6 = IpAddress.parse("2001:db8::1");
        IpAddress server = IpAddress.parse("93.184.216.34");
        Flow f = flow(1);
        map.add(6, phone, 40000, server, 443, f);
        assertThat(map.get(6, phone, 40000, server, 443)).isSameAs(f);
        assertThat(map.get(6, server, 443, phone, 40000)).isSameAs(f);
        assertThat(map.get(17, phone, 40000, server, 443)).isNull();
        assertThat(map.get(6, phone, 40001, server, 443)).isNull();
        assertThat(map.get(6, phone, 443, server, 40000)).isNull();
        assertThat(map.get(6, phone, 40000, server6, 443)).isNull();
        assertThat(map.size()).isEqualTo(1);
        map.remove(f);
        assertThat(map.get(6, phone, 40000, server, 443)).isNull();
        assertThat(map.size()).isZero();
        map.remove(f);
        assertThat(map.size()).isZero();
    }

    /**
     * Random adds, lookups and removals against a {@code HashMap}: few addresses and ports, so that keys share home
     * slots and probe runs wrap around the table's end, and enough keys that the table grows.
     */
    @Test
    void agreesWithAHashMapUnderRandomAddsAndRemovals() {
        for (int seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<Side> sides = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                IpAddress a = random.nextBoolean() ? IpAddress.ipv4(random.nextInt(8))
                        : new IpAddress(random.nextInt(3), random.nextInt(4), 6);
                sides.add(new Side(a, random.nextInt(6)));
            }
            FlowMap map = new FlowMap();
            Map<Key, Flow> expected = new HashMap<>();
            int maxKeys = seed % 2 == 0 ? 300 : 5000;
            for (int op = 0; op < 40_000; op++) {
                Side x = sides.get(random.nextInt(sides.size()));
                Side y = sides.get(random.nextInt(sides.size()));
                int protocol = random.nextBoolean() ? 6 : 17;
                Key key = Key.of(protocol, x, y);
                Flow got = random.nextBoolean() ? map.get(protocol, x.address(), x.port(), y.address(), y.port())
                        : map.get(protocol, y.address(), y.port(), x.address(), x.port());
                assertThat(got).as("seed %d op %d", seed, op).isSameAs(expected.get(key));
                boolean grow = expected.size() < maxKeys && random.nextInt(10) < 6;
                if (got == null && grow) {
                    Flow f = flow(op);
                    map.add(protocol, x.address(), x.port(), y.address(), y.port(), f);
                    expected.put(key, f);
                } else if (got != null && !grow) {
                    map.remove(got);
                    expected.remove(key);
                }
                assertThat(map.size()).isEqualTo(expected.size());
            }
            assertThat(map.values()).containsExactlyInAnyOrderElementsOf(expected.values());
            for (Map.Entry<Key, Flow> e : expected.entrySet()) {
                List<Side> two = new ArrayList<>(e.getKey().sides());
                Side x = two.get(0);
                Side y = two.get(two.size() - 1);
                assertThat(map.get(e.getKey().protocol(), x.address(), x.port(), y.address(), y.port()))
                        .isSameAs(e.getValue());
            }
        }
    }

    @Test
    void addingForEndpointsHeldReplacesTheirFlow() {
        FlowMap map = new FlowMap();
        IpAddress a = IpAddress.parse("10.0.0.2");
        IpAddress b = IpAddress.parse("10.0.0.3");
        Flow first = flow(1);
        map.add(17, a, 5353, b, 53, first);
        Flow second = flow(2);
        map.add(17, b, 53, a, 5353, second);
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(17, a, 5353, b, 53)).isSameAs(second);
        map.remove(first);
        assertThat(map.get(17, a, 5353, b, 53)).as("a flow no longer held is not removed").isSameAs(second);
        map.remove(second);
        assertThat(map.size()).isZero();
    }
}
