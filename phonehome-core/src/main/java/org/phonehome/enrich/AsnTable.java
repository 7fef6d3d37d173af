package org.phonehome.enrich;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;
import org.phonehome.net.IpAddress;

/**
 * IP address to ASN and organisation, from the compact table {@link AsnTableWriter} builds: sorted range starts,
 * looked up by binary search (about 19 steps for IPv4, 18 for IPv6). Immutable once loaded, so thread-safe.
 */
final class AsnTable {

    /** An ASN and the organisation that holds it. */
    record Entry(long asn, String org) {
    }

    /** No table row is anywhere near this; a larger count is a corrupt file, not a bigger Internet. */
    private static final int MAX_ROWS = 10_000_000;
    /** The first bytes of {@link #loadedForm}. */
    private static final String LOADED_MAGIC = "PHASNLOADED1";

    /**
     * The entries as the file has them (u32 ASN, u16 length, the organisation in modified UTF-8), made into
     * {@link Entry} objects only when looked up: 91,000 entries as objects were 300,000 objects made at every
     * start and then traced and copied by the first collections (the geography cache keeps answers by address).
     */
    private final byte[] entryRecords;
    private final int[] entryAt;
    /** IPv4 range starts with the sign bit flipped, so signed int order is unsigned address order. */
    private final int[] v4Starts;
    private final int[] v4Entries;
    /** IPv6 range starts (high, low), sign bits flipped likewise. */
    private final long[] v6High;
    private final long[] v6Low;
    private final int[] v6Entries;

    private AsnTable(byte[] entryRecords, int[] entryAt, int[] v4Starts, int[] v4Entries, long[] v6High,
            long[] v6Low, int[] v6Entries) {
        this.entryRecords = entryRecords;
        this.entryAt = entryAt;
        this.v4Starts = v4Starts;
        this.v4Entries = v4Entries;
        this.v6High = v6High;
        this.v6Low = v6Low;
        this.v6Entries = v6Entries;
    }

    /**
     * Reads a table; {@code name} is what errors call the source. The whole (decompressed) table is read at once and
     * decoded from a buffer with bulk reads: this runs at every start, so it must not cost a stream call per row.
     */
    static AsnTable read(InputStream in, String name) {
        byte[] all;
        try {
            all = GzipResource.gunzip(in);
        } catch (EOFException e) {
            throw new GeoDataException("The ASN table " + name + " is truncated.", e);
        } catch (ZipException e) {
            throw new GeoDataException("The ASN table " + name + " is corrupt (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new GeoDataException("The ASN table " + name + " cannot be read: " + e.getMessage(), e);
        }
        return decode(java.nio.ByteBuffer.wrap(all), name);
    }

    /**
     * The table of a decompressed file as {@link #load(java.nio.ByteBuffer, String)} reads it: the arrays as they
     * are in memory, so that reading them is a copy each, with no row decoded (the cache keeps this form; decoding
     * the 91,000 rows of the bundled file took 47 ms of a start).
     */
    static byte[] loadedForm(byte[] decompressed, String name) {
        AsnTable t = decode(java.nio.ByteBuffer.wrap(decompressed), name);
        int[][] ints = {t.entryAt, t.v4Starts, t.v4Entries, t.v6Entries};
        long[][] longs = {t.v6High, t.v6Low};
        int size = LOADED_MAGIC.length() + 4 * 6 + t.entryRecords.length;
        for (int[] a : ints) {
            size += 4 * a.length;
        }
        for (long[] a : longs) {
            size += 8 * a.length;
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(LOADED_MAGIC.getBytes(StandardCharsets.ISO_8859_1));
        out.putInt(t.entryRecords.length).putInt(t.entryAt.length).putInt(t.v4Starts.length).putInt(t.v4Entries.length)
                .putInt(t.v6High.length).putInt(t.v6Entries.length);
        out.put(t.entryRecords);
        for (int[] a : ints) {
            out.asIntBuffer().put(a);
            out.position(out.position() + 4 * a.length);
        }
        for (long[] a : longs) {
            out.asLongBuffer().put(a);
            out.position(out.position() + 8 * a.length);
        }
        return out.array();
    }

    /**
     * Reads a table in {@link #loadedForm} (the cache checks its bytes before); a buffer of another shape is
     * refused, never half read.
     */
    static AsnTable load(java.nio.ByteBuffer in, String name) {
        java.nio.ByteBuffer b = in.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[LOADED_MAGIC.length()];
            b.get(magic);
            if (!LOADED_MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
                throw new GeoDataException("The ASN table " + name + " is not a loaded phonehome ASN table.");
            }
            byte[] entryRecords = new byte[count(b, name)];
            int[] entryAt = new int[count(b, name)];
            int[] v4Starts = new int[count(b, name)];
            int[] v4Entries = new int[count(b, name)];
            long[] v6High = new long[count(b, name)];
            long[] v6Low = new long[v6High.length];
            int[] v6Entries = new int[count(b, name)];
            if (v4Entries.length != v4Starts.length || v6Entries.length != v6High.length) {
                throw new GeoDataException("The ASN table " + name + " is corrupt (counts differ).");
            }
            b.get(entryRecords);
            for (int[] a : new int[][] {entryAt, v4Starts, v4Entries, v6Entries}) {
                b.asIntBuffer().get(a);
                b.position(b.position() + 4 * a.length);
            }
            for (long[] a : new long[][] {v6High, v6Low}) {
                b.asLongBuffer().get(a);
                b.position(b.position() + 8 * a.length);
            }
            if (b.hasRemaining()) {
                throw new GeoDataException("The ASN table " + name + " is corrupt (bytes after the end).");
            }
            return new AsnTable(entryRecords, entryAt, v4Starts, v4Entries, v6High, v6Low, v6Entries);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new GeoDataException("The ASN table " + name + " is truncated.", e);
        }
    }

    /**
     * Reads a file in {@link #loadedForm} (the cache's). Read rather than mapped: the arrays are copies anyway, and
     * a mapping would stay resident until the collector dropped it.
     */
    static AsnTable read(java.nio.file.Path file, String name) {
        try {
            return load(java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(file)), name);
        } catch (IOException e) {
            throw new GeoDataException("The ASN table " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static AsnTable decode(java.nio.ByteBuffer b, String name) {
        try {
            byte[] magic = new byte[AsnTableWriter.MAGIC.length()];
            b.get(magic);
            if (!AsnTableWriter.MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
                throw new GeoDataException("The ASN table " + name + " is not a phonehome ASN table (bad magic).");
            }
            int[] entryAt = new int[count(b, name)];
            int first = b.position();
            for (int i = 0; i < entryAt.length; i++) {
                entryAt[i] = b.position() - first;
                b.getInt();
                int len = b.getShort() & 0xffff;
                if (len > b.remaining()) {
                    throw new java.nio.BufferUnderflowException();
                }
                b.position(b.position() + len);
            }
            byte[] entryRecords = new byte[b.position() - first];
            b.get(first, entryRecords);
            int[] v4Starts = new int[count(b, name)];
            b.asIntBuffer().get(v4Starts);
            b.position(b.position() + 4 * v4Starts.length);
            int at = 0;
            for (int i = 0; i < v4Starts.length; i++) {
                at += v4Starts[i];
                v4Starts[i] = at ^ Integer.MIN_VALUE;
            }
            int[] v4Entries = readEntries(b, v4Starts.length, entryAt.length, name);
            int n6 = count(b, name);
            long[] v6High = new long[n6];
            long[] v6Low = new long[n6];
            b.asLongBuffer().get(v6High);
            b.position(b.position() + 8 * n6);
            b.asLongBuffer().get(v6Low);
            b.position(b.position() + 8 * n6);
            for (int i = 0; i < n6; i++) {
                v6High[i] ^= Long.MIN_VALUE;
                v6Low[i] ^= Long.MIN_VALUE;
            }
            int[] v6Entries = readEntries(b, n6, entryAt.length, name);
            return new AsnTable(entryRecords, entryAt, v4Starts, v4Entries, v6High, v6Low, v6Entries);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new GeoDataException("The ASN table " + name + " is truncated.", e);
        }
    }

    private static int count(java.nio.ByteBuffer b, String name) {
        int n = b.getInt();
        if (n < 0 || n > MAX_ROWS) {
            throw new GeoDataException("The ASN table " + name + " is corrupt (a count of " + n + ").");
        }
        return n;
    }

    private static int[] readEntries(java.nio.ByteBuffer b, int n, int limit, String name) {
        int[] out = new int[n];
        b.asIntBuffer().get(out);
        b.position(b.position() + 4 * n);
        for (int e : out) {
            if (e < -1 || e >= limit) {
                throw new GeoDataException("The ASN table " + name + " is corrupt (entry " + e + ").");
            }
        }
        return out;
    }

    /** The ASN entry covering {@code ip}, or null when the table has none. */
    Entry lookup(IpAddress ip) {
        int i = ip.version() == 4 ? find4((int) ip.low() ^ Integer.MIN_VALUE) : find6(ip.high() ^ Long.MIN_VALUE,
                ip.low() ^ Long.MIN_VALUE);
        if (i < 0) {
            return null;
        }
        int e = ip.version() == 4 ? v4Entries[i] : v6Entries[i];
        return e < 0 ? null : entry(e);
    }

    private Entry entry(int e) {
        int at = entryAt[e];
        java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(entryRecords);
        long asn = r.getInt(at) & 0xffffffffL;
        int len = r.getShort(at + 4) & 0xffff;
        // DataOutput.writeUTF: modified UTF-8; organisation names carry no NUL or supplementary characters
        return new Entry(asn, new String(entryRecords, at + 6, len, StandardCharsets.UTF_8));
    }

    /** Index of the last start at or below {@code key}, or -1. */
    private int find4(int key) {
        int lo = 0;
        int hi = v4Starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4Starts[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    private int find6(long high, long low) {
        int lo = 0;
        int hi = v6High.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long h = v6High[mid];
            if (h < high || (h == high && v6Low[mid] <= low)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Number of ranges (gaps included), IPv4 and IPv6: for tests and the data notes. */
    int ranges() {
        return v4Starts.length + v6High.length;
    }
}
