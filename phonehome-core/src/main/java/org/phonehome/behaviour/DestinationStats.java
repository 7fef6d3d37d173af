package org.phonehome.behaviour;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.phonehome.flow.FlowListener;
import org.phonehome.flow.FlowSummary;
import org.phonehome.net.IpAddress;
import org.phonehome.report.Destination;
import org.phonehome.report.Times;

/**
 * Totals per destination (flows, packets and bytes each way, first and last seen, ports, apps), folded from
 * finished flows so that memory grows with the number of destinations, not of flows.
 */
public final class DestinationStats implements FlowListener {

    private final Map<IpAddress, Totals> byServer = new HashMap<>();

    @Override
    public void flowEnded(FlowSummary s) {
        Totals t = byServer.computeIfAbsent(s.info().server().address(), a -> new Totals());
        t.add(s);
    }

    /** Adds another worker's totals to these. */
    public void merge(DestinationStats other) {
        other.byServer.forEach((ip, o) -> byServer.computeIfAbsent(ip, a -> new Totals()).merge(o));
    }

    /** The destinations, one per server address for now (names come with the protocols stage), sorted by host. */
    public List<Destination> destinations() {
        List<Destination> out = new ArrayList<>();
        new TreeMap<>(byServer).forEach((ip, t) -> out.add(t.toDestination(ip)));
        return out;
    }

    /** Running totals of one destination. */
    private static final class Totals {
        long flows;
        long packetsOut;
        long bytesOut;
        long packetsIn;
        long bytesIn;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final TreeSet<String> apps = new TreeSet<>();
        final TreeMap<String, PortTotals> ports = new TreeMap<>();

        void add(FlowSummary s) {
            flows++;
            packetsOut += s.packetsOut();
            bytesOut += s.bytesOut();
            packetsIn += s.packetsIn();
            bytesIn += s.bytesIn();
            first = Math.min(first, s.info().startNanos());
            last = Math.max(last, s.endNanos());
            String app = s.app() == null ? null : s.app().label();
            if (app != null) {
                apps.add(app);
            }
            String transport = s.info().transport();
            int port = s.info().server().port();
            PortTotals p = ports.computeIfAbsent(portKey(transport, port), k -> new PortTotals(transport, port));
            p.flows++;
            p.bytesOut += s.bytesOut();
            p.bytesIn += s.bytesIn();
            if (app != null) {
                p.apps.add(app);
            }
        }

        void merge(Totals o) {
            flows += o.flows;
            packetsOut += o.packetsOut;
            bytesOut += o.bytesOut;
            packetsIn += o.packetsIn;
            bytesIn += o.bytesIn;
            first = Math.min(first, o.first);
            last = Math.max(last, o.last);
            apps.addAll(o.apps);
            o.ports.forEach((k, p) -> {
                PortTotals mine = ports.computeIfAbsent(k, x -> new PortTotals(p.transport, p.port));
                mine.flows += p.flows;
                mine.bytesOut += p.bytesOut;
                mine.bytesIn += p.bytesIn;
                mine.apps.addAll(p.apps);
            });
        }

        Destination toDestination(IpAddress ip) {
            List<Destination.PortUse> portUses = new ArrayList<>();
            ports.values().forEach(p -> portUses.add(
                    new Destination.PortUse(p.transport, p.port, p.flows, p.bytesOut, p.bytesIn, List.copyOf(p.apps))));
            return new Destination(ip.toString(), List.of(ip.toString()), null, null, null, flows, packetsOut,
                    bytesOut, packetsIn, bytesIn, Times.iso(first), Times.iso(last), List.of(), List.copyOf(apps),
                    null, null, null, portUses);
        }

        /** Sorts tcp before udp, then by port number. */
        private static String portKey(String transport, int port) {
            return transport + String.format("%05d", port);
        }
    }

    /** Running totals of one server port. */
    private static final class PortTotals {
        final String transport;
        final int port;
        long flows;
        long bytesOut;
        long bytesIn;
        final TreeSet<String> apps = new TreeSet<>();

        PortTotals(String transport, int port) {
            this.transport = transport;
            this.port = port;
        }
    }
}
