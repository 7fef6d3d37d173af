package org.phonehome.enrich;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
     * The entries as the file has them (u32 ASN, u16 length, the organisation in modified UTF-8, big-endian), made
     * into {@link Entry} objects only when looked up: 91,000 entries as objects were 300,000 objects made at every
     * start and then traced and copied by the first collections (the geography cache keeps answers by address).
     * Read with absolute gets only, so that lookups from several threads share the buffers.
     */
    private final ByteBuffer entryRecords;
    private final IntBuffer entryAt;
    /** IPv4 range starts with the sign bit flipped, so signed int order is unsigned address order. */
    private final IntBuffer v4Starts;
    private final IntBuffer v4Entries;
    /** IPv6 range starts (high, low), sign bits flipped likewise. */
    private final LongBuffer v6High;
    private final LongBuffer v6Low;
    private final IntBuffer v6Entries;

    private AsnTable(ByteBuffer entryRecords, IntBuffer entryAt, IntBuffer v4Starts, IntBuffer v4Entries,
            LongBuffer v6High, LongBuffer v6Low, IntBuffer v6Entries) {
        this.entryRecords = entryRecords.order(ByteOrder.BIG_ENDIAN);
        this.entryAt = entryAt;
        this.v4Starts = v4Starts;
        this.v4Entries = v4Entries;
        this.v6High = v6High;
        this.v6Low = v6Low;
        this.v6Entries = v6Entries;
    }

    private AsnTable(byte[] entryRecords, int[] entryAt, int[] v4Starts, int[] v4Entries, long[] v6High,
            long[] v6Low, int[] v6Entries) {
        this(ByteBuffer.wrap(entryRecords), IntBuffer.wrap(entryAt), IntBuffer.wrap(v4Starts),
                IntBuffer.wrap(v4Entries), LongBuffer.wrap(v6High), LongBuffer.wrap(v6Low), IntBuffer.wrap(v6Entries));
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
        return decode(ByteBuffer.wrap(all), name);
    }

    /**
     * The table of a decompressed file as {@link #load(ByteBuffer, String)} reads it: the arrays as they are in
     * memory, so that it is read in place, with no row decoded (the cache keeps this form; decoding the 91,000 rows
     * of the bundled file took 47 ms of a start).
     */
    static byte[] loadedForm(byte[] decompressed, String name) {
        AsnTable t = decode(ByteBuffer.wrap(decompressed), name);
        IntBuffer[] ints = {t.entryAt, t.v4Starts, t.v4Entries, t.v6Entries};
        LongBuffer[] longs = {t.v6High, t.v6Low};
        int size = LOADED_MAGIC.length() + 4 * 6 + t.entryRecords.limit();
        for (IntBuffer a : ints) {
            size += 4 * a.limit();
        }
        for (LongBuffer a : longs) {
            size += 8 * a.limit();
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(LOADED_MAGIC.getBytes(StandardCharsets.ISO_8859_1));
        out.putInt(t.entryRecords.limit()).putInt(t.entryAt.limit()).putInt(t.v4Starts.limit())
                .putInt(t.v4Entries.limit()).putInt(t.v6High.limit()).putInt(t.v6Entries.limit());
        out.put(t.entryRecords.duplicate());
        for (IntBuffer a : ints) {
            out.asIntBuffer().put(a.duplicate());
            out.position(out.position() + 4 * a.limit());
        }
        for (LongBuffer a : longs) {
            out.asLongBuffer().put(a.duplicate());
            out.position(out.position() + 8 * a.limit());
        }
        return out.array();
    }

    /**
     * A table in {@link #loadedForm}, read in place: its arrays are views of {@code in}, not copies (the cache
     * checks its bytes before). A buffer of another shape is refused, never half read.
     */
    static AsnTable load(ByteBuffer in, String name) {
        ByteBuffer b = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[LOADED_MAGIC.length()];
            b.get(magic);
            if (!LOADED_MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
                throw new GeoDataException("The ASN table " + name + " is not a loaded phonehome ASN table.");
            }
            int records = count(b, name);
            int entries = count(b, name);
            int v4 = count(b, name);
            int v4EntryCount = count(b, name);
            int v6 = count(b, name);
            int v6EntryCount = count(b, name);
            if (v4EntryCount != v4 || v6EntryCount != v6) {
                throw new GeoDataException("The ASN table " + name + " is corrupt (counts differ).");
            }
            long size = b.position() + (long) records + 4L * (entries + 2L * v4 + v6) + 16L * v6;
            if (size < b.limit()) {
                throw new GeoDataException("The ASN table " + name + " is corrupt (bytes after the end).");
            }
            if (size > b.limit()) {
                throw new BufferUnderflowException();
            }
            ByteBuffer entryRecords = view(b, records);
            IntBuffer entryAt = view(b, 4 * entries).asIntBuffer();
            IntBuffer v4Starts = view(b, 4 * v4).asIntBuffer();
            IntBuffer v4Entries = view(b, 4 * v4).asIntBuffer();
            IntBuffer v6Entries = view(b, 4 * v6).asIntBuffer();
            LongBuffer v6High = view(b, 8 * v6).asLongBuffer();
            LongBuffer v6Low = view(b, 8 * v6).asLongBuffer();
            return new AsnTable(entryRecords, entryAt, v4Starts, v4Entries, v6High, v6Low, v6Entries);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new GeoDataException("The ASN table " + name + " is truncated.", e);
        }
    }

    /** The next {@code n} bytes of {@code b} as a buffer of their own (little-endian), and {@code b} moved past them. */
    private static ByteBuffer view(ByteBuffer b, int n) {
        ByteBuffer v = b.slice(b.position(), n).order(ByteOrder.LITTLE_ENDIAN);
        b.position(b.position() + n);
        return v;
    }

    /**
     * Reads a file in {@link #loadedForm} (the cache's) by mapping it: the table's 10 MB are then neither copied
     * into the heap at every start nor copied again by the collector, and only the pages lookups touch are read. The
     * cache never changes a file in place (it writes a new one and renames it), so the mapping stays whole.
     */
    static AsnTable read(Path file, String name) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new GeoDataException("The ASN table " + name + " is corrupt (" + size + " bytes).");
            }
            return load(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), name);
        } catch (IOException e) {
            throw new GeoDataException("The ASN table " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static AsnTable decode(ByteBuffer b, String name) {
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
                    throw new BufferUnderflowException();
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
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new GeoDataException("The ASN table " + name + " is truncated.", e);
        }
    }

    private static int count(ByteBuffer b, String name) {
        int n = b.getInt();
        if (n < 0 || n > MAX_ROWS) {
            throw new GeoDataException("The ASN table " + name + " is corrupt (a count of " + n + ").");
        }
        return n;
    }

    private static int[] readEntries(ByteBuffer b, int n, int limit, String name) {
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
        int e = ip.version() == 4 ? v4Entries.get(i) : v6Entries.get(i);
        return e < 0 ? null : entry(e);
    }

    private Entry entry(int e) {
        int at = entryAt.get(e);
        long asn = entryRecords.getInt(at) & 0xffffffffL;
        int len = entryRecords.getShort(at + 4) & 0xffff;
        byte[] org = new byte[len];
        entryRecords.get(at + 6, org);
        // DataOutput.writeUTF: modified UTF-8; organisation names carry no NUL or supplementary characters
        return new Entry(asn, new String(org, StandardCharsets.UTF_8));
    }

    /** Index of the last start at or below {@code key}, or -1. */
    private int find4(int key) {
        int lo = 0;
        int hi = v4Starts.limit() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4Starts.get(mid) <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    private int find6(long high, long low) {
        int lo = 0;
        int hi = v6High.limit() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long h = v6High.get(mid);
            if (h < high || (h == high && v6Low.get(mid) <= low)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Number of ranges (gaps included), IPv4 and IPv6: for tests and the data notes. */
    int ranges() {
        return v4Starts.limit() + v6High.limit();
    }
}
