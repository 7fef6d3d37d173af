package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.net.IpAddress;

class FlowMapTest {

    /** One side of a flow: an address and a port. */
    private record Side(IpAddress address, int port) {
    }

    private static Flow flow(FlowKey key, long id) {
        Endpoint e = new Endpoint(IpAddress.parse("10.0.0.1"), 1);
        return new Flow(key, new FlowInfo(id, "udp", e, e, "test", id, 0, null));
    }

    @Test
    void findsAFlowFromEitherDirectionAndOnlyItsOwn() {
        FlowMap map = new FlowMap();
        IpAddress phone = IpAddress.parse("192.168.1.2");
        IpAddress server = IpAddress.parse("2001:db8::1");
        IpAddress server4 = IpAddress.parse("93.184.216.34");
        FlowKey key = FlowKey.of(6, phone, 40000, server4, 443);
        Flow f = flow(key, 1);
        map.put(key, f);
        assertThat(map.get(6, phone, 40000, server4, 443)).isSameAs(f);
        assertThat(map.get(6, server4, 443, phone, 40000)).isSameAs(f);
        assertThat(map.get(17, phone, 40000, server4, 443)).isNull();
        assertThat(map.get(6, phone, 40001, server4, 443)).isNull();
        assertThat(map.get(6, phone, 443, server4, 40000)).isNull();
        assertThat(map.get(6, phone, 40000, server, 443)).isNull();
        assertThat(map.size()).isEqualTo(1);
        map.remove(key);
        assertThat(map.get(6, phone, 40000, server4, 443)).isNull();
        assertThat(map.size()).isZero();
    }

    /**
     * Random puts, lookups and removals against a {@code HashMap}: few addresses and ports, so that keys share home
     * slots and probe runs wrap around the table's end, and enough keys that the table grows several times.
     */
    @Test
    void agreesWithAHashMapUnderRandomPutsAndRemovals() {
        for (int seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<Side> sides = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                IpAddress a = random.nextBoolean() ? IpAddress.ipv4(random.nextInt(8))
                        : new IpAddress(random.nextInt(3), random.nextInt(4), 6);
                sides.add(new Side(a, random.nextInt(6)));
            }
            FlowMap map = new FlowMap();
            Map<FlowKey, Flow> expected = new HashMap<>();
            int maxKeys = seed % 2 == 0 ? 300 : 5000;
            for (int op = 0; op < 40_000; op++) {
                Side x = sides.get(random.nextInt(sides.size()));
                Side y = sides.get(random.nextInt(sides.size()));
                int protocol = random.nextBoolean() ? 6 : 17;
                FlowKey key = FlowKey.of(protocol, x.address(), x.port(), y.address(), y.port());
                Flow got = random.nextBoolean() ? map.get(protocol, x.address(), x.port(), y.address(), y.port())
                        : map.get(protocol, y.address(), y.port(), x.address(), x.port());
                assertThat(got).as("seed %d op %d", seed, op).isSameAs(expected.get(key));
                boolean grow = expected.size() < maxKeys && random.nextInt(10) < 6;
                if (got == null && grow) {
                    Flow f = flow(key, op);
                    map.put(key, f);
                    expected.put(key, f);
                } else if (got != null && !grow) {
                    map.remove(key);
                    expected.remove(key);
                }
                assertThat(map.size()).isEqualTo(expected.size());
            }
            assertThat(map.values()).containsExactlyInAnyOrderElementsOf(expected.values());
            for (Map.Entry<FlowKey, Flow> e : expected.entrySet()) {
                FlowKey k = e.getKey();
                assertThat(map.get(k.protocol(), new IpAddress(k.loHigh(), k.loLow(), k.loVersionPort() >>> 16),
                        k.loVersionPort() & 0xffff, new IpAddress(k.hiHigh(), k.hiLow(), k.hiVersionPort() >>> 16),
                        k.hiVersionPort() & 0xffff)).isSameAs(e.getValue());
            }
        }
    }

    @Test
    void putUnderAKeyHeldReplacesItsFlow() {
        FlowMap map = new FlowMap();
        IpAddress a = IpAddress.parse("10.0.0.2");
        IpAddress b = IpAddress.parse("10.0.0.3");
        FlowKey key = FlowKey.of(17, a, 5353, b, 53);
        map.put(key, flow(key, 1));
        Flow second = flow(key, 2);
        map.put(FlowKey.of(17, b, 53, a, 5353), second);
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(17, a, 5353, b, 53)).isSameAs(second);
    }
}
