package org.phonehome.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.phonehome.report.Audit;
import org.phonehome.report.CaptureSummary;
import org.phonehome.report.Destination;

/** Renders an audit for a person at a terminal: what was read, then a table of destinations. */
final class ConsoleReport {
    private final PrintWriter out;

    ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    void print(Audit audit) {
        CaptureSummary c = audit.capture();
        out.printf("Read %s: %,d packets, %s%s%n", String.join(", ", c.files()), c.packets(), bytes(c.bytes()),
                c.start() == null ? "" : ", " + c.start() + " to " + c.end());
        long decoded = c.decoded().values().stream().mapToLong(Long::longValue).sum();
        long undecoded = c.undecoded().values().stream().mapToLong(Long::longValue).sum();
        out.printf("Packets: %,d decoded (%s)", decoded, counts(c.decoded()));
        out.printf(", %,d undecoded%s%n", undecoded, undecoded == 0 ? "" : " (" + counts(c.undecoded()) + ")");
        out.printf("Flows: %s; by protocol: %s%n", counts(c.flows()), counts(c.protocols()));
        if (!c.anomalies().isEmpty()) {
            out.printf("Anomalies: %s%n", counts(c.anomalies()));
        }
        if (c.incomplete() != null) {
            out.printf("INCOMPLETE: %s is damaged at byte offset %,d (%s); results cover the packets before it%n",
                    c.incomplete().file(), c.incomplete().offset(), c.incomplete().reason());
        }
        out.println();
        printDestinations(audit.destinations());
        out.flush();
    }

    private void printDestinations(List<Destination> destinations) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DESTINATION", "PORT", "PROTOCOL", "APP", "FLOWS", "OUT", "IN", "FIRST SEEN",
            "LAST SEEN"});
        List<Destination> sorted = new ArrayList<>(destinations);
        sorted.sort(Comparator.comparingLong((Destination d) -> -(d.bytesOut() + d.bytesIn()))
                .thenComparing(Destination::host));
        for (Destination d : sorted) {
            for (Destination.PortUse p : d.ports()) {
                rows.add(new String[] {d.host(), p.port() + "/" + p.transport(),
                    d.protocols().isEmpty() ? "-" : String.join(",", d.protocols()), p.apps().isEmpty() ? "-" : String.join(",", p.apps()), String.format("%,d", p.flows()),
                    bytes(p.bytesOut()), bytes(p.bytesIn()), shortTime(d.firstSeen()), shortTime(d.lastSeen())});
            }
        }
        out.printf("Destinations: %d%n", destinations.size());
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean numeric = i >= 4 && i <= 6;
                String cell = numeric ? " ".repeat(widths[i] - r[i].length()) + r[i]
                        : r[i] + " ".repeat(widths[i] - r[i].length());
                line.append(cell).append(i + 1 < r.length ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String counts(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + " " + String.format("%,d", v)));
        return String.join(", ", parts);
    }

    /** {@code 2024-03-12T08:00:01.123456Z} as {@code 2024-03-12 08:00:01}. */
    static String shortTime(String iso) {
        if (iso == null || iso.length() < 19) {
            return iso == null ? "-" : iso;
        }
        return iso.substring(0, 10) + " " + iso.substring(11, 19);
    }

    /** A byte count for people: {@code 512 B}, {@code 12.3 kB}, {@code 1.1 GB} (powers of 1000). */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
