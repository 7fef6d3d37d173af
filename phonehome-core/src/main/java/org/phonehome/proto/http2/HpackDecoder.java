package org.phonehome.proto.http2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes HPACK header blocks (RFC 7541) of one direction of one connection, keeping its dynamic table. Never
 * throws on bad input: a malformed block gives a {@link Result} with an error, after which the table may no longer
 * match the encoder's, so the caller should stop decoding that direction.
 *
 * <p>Limits: the dynamic table never exceeds the size the peer allowed ({@link #setMaxTableSize}, the
 * SETTINGS_HEADER_TABLE_SIZE it received, 4096 by default) nor our own bound (by default
 * {@link Http2Limits#MAX_HEADER_TABLE_SIZE}; an encoder that grows its table past it is {@link #tableLimitHit()}); a
 * decoded header list is at most {@link Http2Limits#MAX_HEADER_LIST_SIZE} (HPACK sizes); integers fit in 31 bits.
 */
public final class HpackDecoder {
    /** RFC 7541 section 4.1: an entry's size counts 32 octets of overhead besides name and value. */
    public static final int ENTRY_OVERHEAD = 32;
    /** The table size before any SETTINGS (RFC 9113 section 6.5.2). */
    public static final int DEFAULT_TABLE_SIZE = 4096;

    private final HpackDynamicTable table = new HpackDynamicTable(DEFAULT_TABLE_SIZE);
    private final int maxTableSize;
    private int allowedTableSize = DEFAULT_TABLE_SIZE;
    private int advertisedTableSize = DEFAULT_TABLE_SIZE;
    private boolean tableLimitHit;

    /** A decoder keeping at most {@link Http2Limits#MAX_HEADER_TABLE_SIZE} of dynamic table. */
    public HpackDecoder() {
        this(Http2Limits.MAX_HEADER_TABLE_SIZE);
    }

    /**
     * A decoder keeping at most {@code maxTableSize} bytes of dynamic table; at least {@link #DEFAULT_TABLE_SIZE},
     * the size every encoder may use without asking.
     */
    public HpackDecoder(int maxTableSize) {
        if (maxTableSize < DEFAULT_TABLE_SIZE) {
            throw new IllegalArgumentException("HPACK table bound below " + DEFAULT_TABLE_SIZE + ": " + maxTableSize);
        }
        this.maxTableSize = maxTableSize;
    }

    /**
     * The outcome of one block.
     *
     * @param headers the fields decoded, in order (those before an error included)
     * @param error   null when the block was valid, else what was wrong
     */
    public record Result(List<Http2Header> headers, String error) {
        public Result {
            headers = List.copyOf(headers);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /** The encoder may use up to {@code size} (what the decoding side advertised), capped by our own bound. */
    public void setMaxTableSize(int size) {
        advertisedTableSize = Math.max(0, size);
        allowedTableSize = Math.max(0, Math.min(size, maxTableSize));
        if (table.maxSize() > allowedTableSize) {
            table.resize(allowedTableSize);
        }
    }

    /** Decodes one complete header block. */
    public Result decode(byte[] block) {
        return decode(block, 0, block.length);
    }

    /** Decodes one complete header block held in {@code block[off, off+len)}. */
    public Result decode(byte[] block, int off, int len) {
        List<Http2Header> out = new ArrayList<>();
        Reader r = new Reader(block, off, off + len);
        long listSize = 0;
        boolean fieldSeen = false;
        try {
            while (r.more()) {
                int b = r.peek();
                Http2Header h;
                if ((b & 0x80) != 0) {
                    h = indexed(r.integer(7));
                } else if ((b & 0xc0) == 0x40) {
                    h = literal(r, 6);
                    table.add(h);
                } else if ((b & 0xe0) == 0x20) {
                    if (fieldSeen) {
                        throw new HpackError("dynamic table size update after a header field");
                    }
                    int size = r.integer(5);
                    if (size > allowedTableSize) {
                        tableLimitHit = size <= advertisedTableSize;
                        throw new HpackError("dynamic table size update to " + size + " above " + allowedTableSize);
                    }
                    table.resize(size);
                    continue;
                } else {
                    h = literal(r, 4); // without indexing (0000) or never indexed (0001)
                }
                fieldSeen = true;
                listSize += h.hpackSize();
                if (listSize > Http2Limits.MAX_HEADER_LIST_SIZE) {
                    throw new HpackError("header list larger than " + Http2Limits.MAX_HEADER_LIST_SIZE);
                }
                out.add(h);
            }
            return new Result(out, null);
        } catch (HpackError e) {
            return new Result(out, e.getMessage());
        }
    }

    /** Whether decoding failed because the encoder grew its table past our bound, though the peer allowed it. */
    public boolean tableLimitHit() {
        return tableLimitHit;
    }

    /** The dynamic table, newest first (for tests and diagnostics). */
    List<Http2Header> tableEntries() {
        return table.entries();
    }

    /** The dynamic table's current size. */
    int tableSize() {
        return table.size();
    }

    private Http2Header indexed(int index) {
        if (index == 0) {
            throw new HpackError("index 0");
        }
        if (index <= HpackStaticTable.SIZE) {
            return HpackStaticTable.get(index);
        }
        Http2Header h = table.get(index - HpackStaticTable.SIZE - 1);
        if (h == null) {
            throw new HpackError("index " + index + " beyond the table");
        }
        return h;
    }

    private Http2Header literal(Reader r, int prefix) {
        int index = r.integer(prefix);
        String name = index == 0 ? r.string() : indexed(index).name();
        return new Http2Header(name, r.string());
    }

    /** A malformed block; caught in {@link #decode}. */
    private static final class HpackError extends RuntimeException {
        HpackError(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads HPACK primitives (section 5) from a bounded slice. */
    private static final class Reader {
        /** Continuation bytes beyond this shift cannot fit a 31-bit integer. */
        private static final int MAX_SHIFT = 28;
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int peek() {
            return b[pos] & 0xff;
        }

        int next() {
            if (pos >= end) {
                throw new HpackError("block ends inside a field");
            }
            return b[pos++] & 0xff;
        }

        /** An integer with an N-bit prefix (section 5.1), at most 2^31 - 1. */
        int integer(int prefixBits) {
            int mask = (1 << prefixBits) - 1;
            long value = next() & mask;
            if (value < mask) {
                return (int) value;
            }
            int shift = 0;
            while (true) {
                int c = next();
                value += (long) (c & 0x7f) << shift;
                if (value > Integer.MAX_VALUE) {
                    throw new HpackError("integer overflow");
                }
                if ((c & 0x80) == 0) {
                    return (int) value;
                }
                shift += 7;
                if (shift > MAX_SHIFT) {
                    throw new HpackError("integer overflow");
                }
            }
        }

        /** A string literal (section 5.2), Huffman-coded or raw. */
        String string() {
            if (pos >= end) {
                throw new HpackError("block ends before a string");
            }
            boolean huffman = (peek() & 0x80) != 0;
            int len = integer(7);
            if (len > end - pos) {
                throw new HpackError("string longer than the block");
            }
            byte[] bytes;
            if (huffman) {
                bytes = HpackHuffman.decode(b, pos, len, Http2Limits.MAX_HEADER_LIST_SIZE);
                if (bytes == null) {
                    throw new HpackError("invalid Huffman string");
                }
            } else {
                bytes = java.util.Arrays.copyOfRange(b, pos, pos + len);
            }
            pos += len;
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
