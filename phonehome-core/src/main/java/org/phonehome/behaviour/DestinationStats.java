package org.phonehome.behaviour;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.phonehome.flow.FlowSummary;
import org.phonehome.net.IpAddress;
import org.phonehome.proto.NamedFlow;
import org.phonehome.report.Destination;
import org.phonehome.report.Times;

/**
 * Totals per destination (flows, packets and bytes each way, first and last seen, ports, protocols, apps), folded
 * from finished flows so that memory grows with the number of destinations, not of flows. A destination is a host
 * name when the flow has one, else the server's IP address.
 */
public final class DestinationStats {

    private final Map<String, Totals> byHost = new HashMap<>();

    /** Adds a finished flow to {@code destination}, its host name or else its server's address as text. */
    public void add(NamedFlow flow, String destination) {
        FlowSummary s = flow.summary();
        Totals t = byHost.get(destination);
        if (t == null) {
            t = new Totals();
            byHost.put(destination, t);
        }
        t.add(s, s.info().server().address(), flow.protocol());
    }

    /** Adds another worker's totals to these. */
    public void merge(DestinationStats other) {
        other.byHost.forEach((h, o) -> byHost.computeIfAbsent(h, a -> new Totals()).merge(o));
    }

    /** The destinations, sorted by host. */
    public List<Destination> destinations() {
        List<Destination> out = new ArrayList<>();
        new TreeMap<>(byHost).forEach((host, t) -> out.add(t.toDestination(host)));
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
        final TreeSet<IpAddress> ips = new TreeSet<>();
        final TreeSet<String> protocols = new TreeSet<>();
        final TreeMap<Long, PortTotals> ports = new TreeMap<>();
        /** The last flow's server, protocol and port: most flows of a destination repeat them (no tree walk). */
        private IpAddress lastServer;
        private String lastProtocol;
        private PortTotals lastPort;

        void add(FlowSummary s, IpAddress server, String protocol) {
            if (!server.equals(lastServer)) {
                ips.add(server);
                lastServer = server;
            }
            if (!protocol.equals(lastProtocol)) {
                if (!"none".equals(protocol)) {
                    protocols.add(protocol);
                }
                lastProtocol = protocol;
            }
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
            PortTotals p = lastPort;
            if (p == null || p.port != port || !p.transport.equals(transport)) {
                p = ports.computeIfAbsent(portKey(transport, port), k -> new PortTotals(transport, port));
                lastPort = p;
            }
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
            ips.addAll(o.ips);
            protocols.addAll(o.protocols);
            o.ports.forEach((k, p) -> {
                PortTotals mine = ports.computeIfAbsent(k, x -> new PortTotals(p.transport, p.port));
                mine.flows += p.flows;
                mine.bytesOut += p.bytesOut;
                mine.bytesIn += p.bytesIn;
                mine.apps.addAll(p.apps);
            });
        }

        Destination toDestination(String host) {
            List<Destination.PortUse> portUses = new ArrayList<>();
            ports.values().forEach(p -> portUses.add(
                    new Destination.PortUse(p.transport, p.port, p.flows, p.bytesOut, p.bytesIn, List.copyOf(p.apps))));
            List<String> ipTexts = new ArrayList<>();
            ips.forEach(ip -> ipTexts.add(ip.toString()));
            return new Destination(host, ipTexts, null, null, null, flows, packetsOut,
                    bytesOut, packetsIn, bytesIn, Times.iso(first), Times.iso(last), List.copyOf(protocols),
                    List.copyOf(apps),
                    null, null, null, portUses, null, null, null, null, List.of(), 0);
        }

        /** Sorts by transport name (tcp before udp), then by port number; cheap on the per-flow path. */
        private static long portKey(String transport, int port) {
            return ((long) transport.charAt(0) << 16) | port;
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
