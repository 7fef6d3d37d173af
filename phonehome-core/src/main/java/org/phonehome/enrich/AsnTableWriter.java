package org.phonehome.enrich;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the compact ASN table that {@link AsnTable} reads, from the {@code @ip-location-db/asn} numeric CSVs
 * ({@code start,end,asn,organisation} without a header, organisation quoted when it has a comma or a quote).
 * Run by {@code scripts/update-geo-data}; it needs only the JDK, so it also runs as a single source file:
 *
 * <pre>java AsnTableWriter.java asn-ipv4-num.csv asn-ipv6-num.csv asn.bin.gz</pre>
 *
 * <p>Format {@code PHASN1}, gzip-compressed, all numbers big-endian: the magic, the entry table (count, then per
 * entry the ASN as an unsigned int and the organisation as modified UTF-8), the IPv4 ranges (count, every start
 * as an unsigned int delta from the previous start, then every entry index), the IPv6 ranges (count, every
 * start's high long, every start's low long, every entry index). A range runs from its start to the next start;
 * index -1 marks a gap with no data. Columns are stored apart so gzip sees runs of similar numbers.
 *
 * <p>Overlapping rows: the row earlier in the CSV wins (its start is kept, the later row is cut to begin after
 * it), so the table answers what a first-match linear scan of the CSV answers.
 */
public final class AsnTableWriter {

    static final String MAGIC = "PHASN1";
    private static final BigInteger MAX_V6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private AsnTableWriter() {
    }

    /** One CSV row as numbers. */
    record Row(BigInteger start, BigInteger end, long asn, String org) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: AsnTableWriter ASN-IPV4-NUM.csv ASN-IPV6-NUM.csv OUT.bin.gz");
            System.exit(2);
        }
        List<Row> v4 = read(Path.of(args[0]), BigInteger.valueOf(0xffffffffL));
        List<Row> v6 = read(Path.of(args[1]), MAX_V6);
        try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            write(v4, v6, out);
        }
        System.out.printf("asn table: %d IPv4 rows, %d IPv6 rows -> %s (%d bytes)%n", v4.size(), v6.size(), args[2],
                Files.size(Path.of(args[2])));
    }

    /** Reads a numeric CSV; fails naming the file and line on anything it does not understand. */
    static List<Row> read(Path csv, BigInteger max) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(parse(line, max));
                } catch (RuntimeException e) {
                    throw new IOException(csv + ":" + n + ": cannot read ASN row: " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }

    static Row parse(String line, BigInteger max) {
        int c1 = line.indexOf(',');
        int c2 = line.indexOf(',', c1 + 1);
        int c3 = line.indexOf(',', c2 + 1);
        if (c1 < 0 || c2 < 0 || c3 < 0) {
            throw new IllegalArgumentException("expected start,end,asn,organisation");
        }
        BigInteger start = new BigInteger(line.substring(0, c1));
        BigInteger end = new BigInteger(line.substring(c1 + 1, c2));
        long asn = Long.parseLong(line.substring(c2 + 1, c3));
        if (start.signum() < 0 || end.compareTo(max) > 0 || start.compareTo(end) > 0 || asn < 0 || asn > 0xffffffffL) {
            throw new IllegalArgumentException("range or ASN out of bounds");
        }
        String org = line.substring(c3 + 1);
        if (org.startsWith("\"")) {
            if (org.length() < 2 || !org.endsWith("\"")) {
                throw new IllegalArgumentException("unterminated quoted organisation");
            }
            org = org.substring(1, org.length() - 1).replace("\"\"", "\"");
        }
        return new Row(start, end, asn, org);
    }

    /** Writes the table; rows must be in ascending start order, as the CSVs are. */
    static void write(List<Row> v4, List<Row> v6, OutputStream sink) throws IOException {
        Map<Long, String> orgs = new TreeMap<>();
        for (List<Row> rows : List.of(v4, v6)) {
            for (Row row : rows) {
                orgs.putIfAbsent(row.asn, row.org);
            }
        }
        Map<Long, Integer> index = new TreeMap<>();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(sink, 1 << 16))) {
            out.writeBytes(MAGIC);
            out.writeInt(orgs.size());
            for (Map.Entry<Long, String> e : orgs.entrySet()) {
                index.put(e.getKey(), index.size());
                out.writeInt((int) (long) e.getKey());
                out.writeUTF(e.getValue());
            }
            List<BigInteger> starts4 = new ArrayList<>();
            List<Integer> entries4 = new ArrayList<>();
            ranges(v4, index, BigInteger.valueOf(0xffffffffL), starts4, entries4);
            out.writeInt(starts4.size());
            long prev = 0;
            for (BigInteger s : starts4) {
                out.writeInt((int) (s.longValue() - prev));
                prev = s.longValue();
            }
            for (int e : entries4) {
                out.writeInt(e);
            }
            List<BigInteger> starts6 = new ArrayList<>();
            List<Integer> entries6 = new ArrayList<>();
            ranges(v6, index, MAX_V6, starts6, entries6);
            out.writeInt(starts6.size());
            for (BigInteger s : starts6) {
                out.writeLong(s.shiftRight(64).longValue());
            }
            for (BigInteger s : starts6) {
                out.writeLong(s.longValue());
            }
            for (int e : entries6) {
                out.writeInt(e);
            }
        }
    }

    /** Turns rows into (start, entry) runs with explicit gaps; an earlier row wins where rows overlap. */
    private static void ranges(List<Row> rows, Map<Long, Integer> index, BigInteger max, List<BigInteger> starts,
            List<Integer> entries) {
        BigInteger next = BigInteger.ZERO; // first address not yet covered
        BigInteger previousStart = BigInteger.ZERO;
        for (Row row : rows) {
            if (row.start.compareTo(previousStart) < 0) {
                throw new IllegalArgumentException("rows out of order at " + row.start);
            }
            previousStart = row.start;
            if (row.end.compareTo(next) < 0) {
                continue; // wholly inside an earlier row
            }
            BigInteger start = row.start.max(next);
            if (start.compareTo(next) > 0) {
                starts.add(next);
                entries.add(-1);
            }
            starts.add(start);
            entries.add(index.get(row.asn));
            next = row.end.add(BigInteger.ONE);
        }
        if (next.compareTo(max) <= 0) {
            starts.add(next);
            entries.add(-1);
        }
    }
}
