package org.phonehome.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phonehome.report.Audit;
import org.phonehome.report.CaptureSummary;
import org.phonehome.report.Destination;
import org.phonehome.report.Finding;

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
        printVerdicts(audit);
        printFindings(audit);
        printDestinations(audit.destinations());
        out.flush();
    }

    /** Verdicts first: what broke the policy, and which switched-off services were still contacted. */
    private void printVerdicts(Audit audit) {
        List<Finding> violations = audit.findings().stream().filter(f -> "violation".equals(f.verdict())).toList();
        List<Destination> optOut = audit.destinations().stream()
                .filter(d -> Boolean.TRUE.equals(d.contactAfterOptOut())).toList();
        boolean policy = audit.findings().stream().anyMatch(f -> f.rule() != null)
                || audit.destinations().stream().anyMatch(d -> d.contactAfterOptOut() != null);
        if (!policy) {
            return;
        }
        long allowed = audit.findings().stream().filter(f -> "allowed".equals(f.verdict())).count();
        out.printf("%d violation%s, %d allowed, %d unknown%n", violations.size(), violations.size() == 1 ? "" : "s",
                allowed, audit.findings().size() - violations.size() - allowed);
        java.util.Map<String, Long> grouped = new java.util.LinkedHashMap<>();
        for (Finding f : violations) {
            String line = f.identifier() + (f.encoding().equals("plain") ? "" : " (" + f.encoding() + ")") + " to "
                    + f.host() + (f.country() == null ? "" : " (" + f.country() + ")") + ": " + f.rule();
            grouped.merge(line, 1L, Long::sum);
        }
        grouped.forEach((line, n) -> out.println("  " + line + (n > 1 ? "  x" + n : "")));
        for (Destination d : optOut) {
            out.printf("  contact after opt-out: %s (%s%s), %d flow%s%s%n", d.host(), d.service(),
                    d.country() == null ? "" : ", " + d.country(), d.flows(), d.flows() == 1 ? "" : "s",
                    d.beacon() == null ? "" : String.format(", beacon every %.1f s", d.beacon().periodS()));
        }
        out.println();
    }

    /** At most this many findings are listed; the JSON report has them all. */
    static final int MAX_FINDINGS_SHOWN = 50;

    private void printFindings(Audit audit) {
        if (audit.device().name() == null && audit.findings().isEmpty()) {
            return;
        }
        List<Finding> all = audit.findings();
        long outbound = all.stream().filter(f -> "outbound".equals(f.direction())).count();
        out.printf("Findings: %d (%d sent by the device, %d received)%n", all.size(), outbound, all.size() - outbound);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FRAME", "IDENTIFIER", "SOURCE", "ENCODING", "LAYERS", "PART", "DESTINATION",
            "PROTOCOL", "VERDICT", "EVIDENCE"});
        for (Finding f : all.subList(0, Math.min(all.size(), MAX_FINDINGS_SHOWN))) {
            rows.add(new String[] {f.frames().isEmpty() ? "-" : String.valueOf(f.frames().get(0)),
                f.identifier() + ("inbound".equals(f.direction()) ? " (in)" : ""), f.source(), f.encoding(),
                f.layers().isEmpty() ? "-" : String.join(">", f.layers()),
                f.part() + (f.name() == null ? "" : " " + f.name()),
                f.host() + ":" + f.port() + (f.country() == null ? "" : " " + f.country()), f.protocol(), f.verdict(),
                f.evidence()});
        }
        table(rows, Set.of(0));
        if (all.size() > MAX_FINDINGS_SHOWN) {
            out.printf("... and %d more: write them all with --json%n", all.size() - MAX_FINDINGS_SHOWN);
        }
        out.println();
    }

    private void printDestinations(List<Destination> destinations) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DESTINATION", "PORT", "PROTOCOL", "APP", "FLOWS", "OUT", "IN", "FIRST SEEN",
            "LAST SEEN", "WHERE", "NOTES"});
        List<Destination> sorted = new ArrayList<>(destinations);
        sorted.sort(Comparator.comparingLong((Destination d) -> -(d.bytesOut() + d.bytesIn()))
                .thenComparing(Destination::host));
        for (Destination d : sorted) {
            for (Destination.PortUse p : d.ports()) {
                rows.add(new String[] {d.host(), p.port() + "/" + p.transport(),
                    d.protocols().isEmpty() ? "-" : String.join(",", d.protocols()), p.apps().isEmpty() ? "-" : String.join(",", p.apps()), grouped(p.flows()),
                    bytes(p.bytesOut()), bytes(p.bytesIn()), shortTime(d.firstSeen()), shortTime(d.lastSeen()),
                    where(d), notes(d)});
            }
        }
        out.printf("Destinations: %d%n", destinations.size());
        table(rows, Set.of(4, 5, 6));
    }

    /** Prints rows as aligned columns; the columns in {@code numeric} are right-aligned. */
    private void table(List<String[]> rows, Set<Integer> numeric) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(widths[i] - r[i].length());
                line.append(numeric.contains(i) ? pad + r[i] : r[i] + pad).append(i + 1 < r.length ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Country and organisation, or the special range: {@code CN AS9808 Xiaomi}, {@code private}. */
    private static String where(Destination d) {
        if (d.network() != null) {
            return d.network();
        }
        StringBuilder sb = new StringBuilder();
        if (d.country() != null) {
            sb.append(d.country());
        }
        if (d.asn() != null) {
            sb.append(sb.length() > 0 ? " " : "").append("AS").append(d.asn());
        }
        if (d.org() != null) {
            sb.append(sb.length() > 0 ? " " : "").append(d.org());
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private static String notes(Destination d) {
        List<String> n = new ArrayList<>();
        if (d.purpose() != null) {
            n.add(d.purpose());
        }
        if (d.service() != null) {
            n.add("service " + d.service());
        }
        if (Boolean.TRUE.equals(d.contactAfterOptOut())) {
            n.add("CONTACT AFTER OPT-OUT");
        }
        if (d.beacon() != null) {
            n.add(String.format("beacon %.1f s (score %.2f)", d.beacon().periodS(), d.beacon().score()));
        }
        return n.isEmpty() ? "-" : String.join("; ", n);
    }

    private static String counts(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + " " + grouped(v)));
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
        // Integer arithmetic instead of String.format: a table of a few hundred destinations formatted that way
        // took 40 ms of the client compiler's cold code at the end of every audit.
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        long d = 1000;
        int u = 0;
        while (u < units.length - 1 && n / d >= 1000) {
            d *= 1000;
            u++;
        }
        long tenths = n / d * 10 + (n % d * 10 + d / 2) / d;
        return tenths / 10 + "." + tenths % 10 + " " + units[u];
    }

    /** {@code n} with commas between groups of three digits, as {@code %,d} writes it in English. */
    static String grouped(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int len = digits.length() - sign;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + len / 3);
        int first = sign + (len % 3 == 0 ? 3 : len % 3);
        sb.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }
}
