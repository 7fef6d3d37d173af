package org.phonehome.enrich;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small IPv4-only MaxMind DB files (format 2.0, 24-bit records) for tests, so the MaxMind-shaped
 * records (GeoLite2 Country/City {@code country.iso_code}, ASN {@code autonomous_system_number}) are exercised
 * without shipping MaxMind's licensed files. Values: String (utf8_string), Long (uint32), Integer (uint16),
 * {@link U64} (uint64), Map (map), List (array).
 */
final class TestMmdbWriter {

    /** An unsigned 64-bit value. */
    record U64(long value) {
    }

    private final String databaseType;
    private final List<long[]> nodes = new ArrayList<>(); // per node: left, right; encoded as below
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private static final long EMPTY = -1;

    TestMmdbWriter(String databaseType) {
        this.databaseType = databaseType;
        nodes.add(new long[] {EMPTY, EMPTY});
    }

    /** Maps {@code a.b.c.d/len} to {@code record}. Networks must not nest. */
    TestMmdbWriter put(String cidr, Map<String, Object> record) {
        String[] parts = cidr.split("/");
        long ip = org.phonehome.net.IpAddress.parse(parts[0]).low();
        int len = Integer.parseInt(parts[1]);
        long offset = data.size();
        encode(record, data);
        int node = 0;
        for (int i = 0; i < len; i++) {
            int bit = (int) (ip >>> (31 - i)) & 1;
            if (i == len - 1) {
                nodes.get(node)[bit] = -2 - offset; // data marker
            } else {
                long next = nodes.get(node)[bit];
                if (next < 0) {
                    nodes.add(new long[] {EMPTY, EMPTY});
                    next = nodes.size() - 1;
                    nodes.get(node)[bit] = next;
                }
                node = (int) next;
            }
        }
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = nodes.size();
        for (long[] n : nodes) {
            for (long r : n) {
                long v = r == EMPTY ? count : r <= -2 ? count + 16 + (-2 - r) : r;
                out.write((int) (v >>> 16));
                out.write((int) (v >>> 8));
                out.write((int) v);
            }
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("binary_format_major_version", 2);
        meta.put("binary_format_minor_version", 0);
        meta.put("build_epoch", new U64(1_700_000_000L));
        meta.put("database_type", databaseType);
        meta.put("description", Map.of("en", "phonehome test database"));
        meta.put("ip_version", 4);
        meta.put("languages", List.of("en"));
        meta.put("node_count", (long) count);
        meta.put("record_size", 24);
        encode(meta, out);
        return out.toByteArray();
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    private static void encode(Object v, ByteArrayOutputStream out) {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(2, b.length, out);
            out.writeBytes(b);
        } else if (v instanceof Long l) {
            unsigned(6, l, out);
        } else if (v instanceof Integer i) {
            unsigned(5, i, out);
        } else if (v instanceof U64 u) {
            unsigned(9, u.value, out);
        } else if (v instanceof Map<?, ?> m) {
            control(7, m.size(), out);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                encode(e.getKey(), out);
                encode(e.getValue(), out);
            }
        } else if (v instanceof List<?> list) {
            control(11, list.size(), out);
            for (Object o : list) {
                encode(o, out);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }

    private static void unsigned(int type, long value, ByteArrayOutputStream out) {
        int n = 0;
        for (long x = value; x != 0; x >>>= 8) {
            n++;
        }
        control(type, n, out);
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private static void control(int type, int size, ByteArrayOutputStream out) {
        if (size >= 29 + 256) {
            throw new IllegalArgumentException("sizes of 285 and more are not needed here");
        }
        int small = Math.min(size, 29);
        if (type <= 7) {
            out.write(type << 5 | small);
        } else {
            out.write(small);
            out.write(type - 7);
        }
        if (size >= 29) {
            out.write(size - 29);
        }
    }
}
