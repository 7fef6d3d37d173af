package org.phonehome.proto.dns;

import java.util.ArrayList;
import java.util.List;
import org.phonehome.net.IpAddress;

/**
 * Parses DNS messages from bytes (RFC 1035; SVCB/HTTPS per RFC 9460). Each message's result depends on its bytes
 * alone: an instance only keeps scratch room (a name's builder, the sections' lists) from one message to the next,
 * so that a worker parsing hundreds of thousands of messages does not make it anew for each. Not thread-safe: one
 * per thread. No I/O.
 *
 * <p>Malformed input never throws: parsing stops where the damage is and the message carries what came before,
 * with {@link DnsMessage#anomaly()} naming why ({@code dns_truncated}, {@code dns_name_pointer_loop}, ...).
 * Returns null only when not even the id and flags are there.
 */
public final class DnsParser {

    /** RFC 1035 section 2.3.4: a name is at most 255 octets on the wire. */
    public static final int MAX_NAME_LENGTH = 255;
    /**
     * Compression pointers followed while reading one name. A legal name has at most 127 labels, so more jumps
     * than that can only be a loop.
     */
    public static final int MAX_POINTER_JUMPS = 127;
    /** Records read per section: a 64 KiB message holds at most ~5,400 minimal records; more is a lie. */
    public static final int MAX_RECORDS_PER_SECTION = 4096;

    private static final int HEADER_LENGTH = 12;
    private static final int ID_AND_FLAGS = 4;
    /** What a name longer than {@link #MAX_NAME_LENGTH} is shown as (Wireshark's wording). */
    public static final String NAME_TOO_LONG = "<Name too long>";
    /** What a name with an extended (0x40/0x80) label type is shown as (Wireshark's wording). */
    public static final String UNKNOWN_EXTENDED_LABEL = "<Unknown extended label>";

    /** Reads every message's header, names and records; kept between messages, reset for each. */
    private final Reader r = new Reader();
    /** The sections' scratch lists: each is emptied as its section is kept ({@link #immutable}). */
    private final List<DnsQuestion> questionsRead = new ArrayList<>(4);
    private final List<DnsRecord> read = new ArrayList<>(8);

    /** A parser for the messages of one thread. */
    public DnsParser() {
    }

    /** Parses one message with a parser of its own (for a single message; a worker keeps a {@link DnsParser}). */
    public static DnsMessage parseOne(byte[] b, int off, int len) {
        return new DnsParser().parse(b, off, len);
    }

    /**
     * Parses the message in {@code b[off, off+len)}; null when not even the id and flags (4 bytes) are there. A
     * header cut short still gives the id and flags, with anomaly {@code dns_truncated}.
     */
    public DnsMessage parse(byte[] b, int off, int len) {
        if (len < ID_AND_FLAGS || off < 0 || off + len > b.length) {
            return null;
        }
        if (len < HEADER_LENGTH) {
            int id = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
            int flags = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
            return new DnsMessage(id, (flags & 0x8000) != 0, (flags >>> 11) & 0xf, flags & 0xf,
                    (flags & 0x0200) != 0, List.of(), List.of(), List.of(), List.of(), "dns_truncated");
        }
        Reader r = this.r;
        r.reset(b, off, len);
        try {
            return parse(r);
        } finally {
            // The message's bytes are a capture's read buffer: not held past the call.
            r.reset(null, 0, 0);
        }
    }

    private DnsMessage parse(Reader r) {
        int id = r.u16(0);
        int flags = r.u16(2);
        int qd = r.u16(4);
        int an = r.u16(6);
        int ns = r.u16(8);
        int ar = r.u16(10);
        // Each section is read into one scratch list and kept as an immutable copy (which the record then keeps
        // as it is): most sections hold none, one or two entries, which List.of holds without an array.
        List<DnsQuestion> questions = List.of();
        List<DnsRecord> answers = List.of();
        List<DnsRecord> authorities = List.of();
        List<DnsRecord> additionals = List.of();
        List<DnsQuestion> questionsRead = this.questionsRead;
        List<DnsRecord> read = this.read;
        questionsRead.clear();
        read.clear();
        int section = 0;
        r.pos = HEADER_LENGTH;
        String anomaly = null;
        try {
            for (int i = 0; i < Math.min(qd, MAX_RECORDS_PER_SECTION); i++) {
                String name = r.name();
                r.need(r.pos, 4);
                int type = r.u16Unchecked(r.pos);
                int cls = r.u16Unchecked(r.pos + 2);
                r.pos += 4;
                questionsRead.add(new DnsQuestion(name, type, cls & 0x7fff));
            }
            questions = immutable(questionsRead);
            section = 1;
            readRecords(r, an, read);
            answers = immutable(read);
            section = 2;
            readRecords(r, ns, read);
            authorities = immutable(read);
            section = 3;
            readRecords(r, ar, read);
            additionals = immutable(read);
            section = 4;
            if (qd > MAX_RECORDS_PER_SECTION || an > MAX_RECORDS_PER_SECTION || ns > MAX_RECORDS_PER_SECTION
                    || ar > MAX_RECORDS_PER_SECTION) {
                anomaly = "dns_too_many_records";
            }
        } catch (Malformed m) {
            anomaly = m.anomaly;
            // The section cut short keeps the entries read before the damage.
            switch (section) {
                case 0 -> questions = immutable(questionsRead);
                case 1 -> answers = immutable(read);
                case 2 -> authorities = immutable(read);
                case 3 -> additionals = immutable(read);
                default -> {
                }
            }
        }
        if (anomaly == null) {
            anomaly = r.softAnomaly;
        }
        return new DnsMessage(id, (flags & 0x8000) != 0, (flags >>> 11) & 0xf, flags & 0xf, (flags & 0x0200) != 0,
                questions, answers, authorities, additionals, anomaly);
    }

    /** The scratch list's entries as an immutable list; the scratch list is then emptied for the next section. */
    private static <T> List<T> immutable(List<T> scratch) {
        List<T> copy = switch (scratch.size()) {
            case 0 -> List.of();
            case 1 -> List.of(scratch.get(0));
            case 2 -> List.of(scratch.get(0), scratch.get(1));
            default -> List.copyOf(scratch);
        };
        scratch.clear();
        return copy;
    }

    private static void readRecords(Reader r, int count, List<DnsRecord> out) {
        for (int i = 0; i < Math.min(count, MAX_RECORDS_PER_SECTION); i++) {
            String name = r.name();
            r.need(r.pos, 10);
            int type = r.u16Unchecked(r.pos);
            int cls = r.u16Unchecked(r.pos + 2);
            long ttl = ((long) r.u16Unchecked(r.pos + 4) << 16) | r.u16Unchecked(r.pos + 6);
            int rdlength = r.u16Unchecked(r.pos + 8);
            r.pos += 10;
            int rdata = r.pos;
            r.need(rdata, rdlength);
            r.pos = rdata + rdlength;
            if (type == DnsMessage.TYPE_OPT) {
                continue;
            }
            IpAddress address = null;
            String target = null;
            List<IpAddress> hints = List.of();
            switch (type) {
                case DnsMessage.TYPE_A -> {
                    if (rdlength == 4) {
                        address = IpAddress.ipv4(r.b, r.off + rdata);
                    }
                }
                case DnsMessage.TYPE_AAAA -> {
                    if (rdlength == 16) {
                        address = IpAddress.ipv6(r.b, r.off + rdata);
                    }
                }
                case DnsMessage.TYPE_CNAME, DnsMessage.TYPE_PTR, DnsMessage.TYPE_NS, DnsMessage.TYPE_DNAME ->
                        target = r.nameAt(rdata, rdata + rdlength);
                case DnsMessage.TYPE_SVCB, DnsMessage.TYPE_HTTPS -> {
                    if (rdlength >= 3) {
                        target = r.nameAt(rdata + 2, rdata + rdlength);
                        hints = svcbHints(r, rdata + rdlength);
                    }
                }
                default -> {
                }
            }
            out.add(new DnsRecord(name, type, cls & 0x7fff, ttl, address, target, hints));
        }
    }

    /** ipv4hint (key 4) and ipv6hint (key 6) of the SvcParams after the TargetName just read (RFC 9460 section 2.2). */
    private static List<IpAddress> svcbHints(Reader r, int end) {
        List<IpAddress> hints = new ArrayList<>();
        int p = r.lastNameEnd;
        while (p + 4 <= end) {
            int key = r.u16(p);
            int vlen = r.u16(p + 2);
            p += 4;
            if (p + vlen > end) {
                break;
            }
            if (key == 4) {
                for (int q = p; q + 4 <= p + vlen; q += 4) {
                    hints.add(IpAddress.ipv4(r.b, r.off + q));
                }
            } else if (key == 6) {
                for (int q = p; q + 16 <= p + vlen; q += 16) {
                    hints.add(IpAddress.ipv6(r.b, r.off + q));
                }
            }
            p += vlen;
        }
        return hints;
    }

    /** Stops parsing at the damage; carries the anomaly's name. Never leaves this class. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String anomaly;

        Malformed(String anomaly) {
            super(anomaly, null, false, false);
            this.anomaly = anomaly;
        }
    }

    /** Bounds-checked reads relative to the message start. */
    private static final class Reader {
        byte[] b;
        int off;
        int len;
        int pos;
        /** Position just after the last name read in place (not following pointers). */
        int lastNameEnd;
        /** A problem that did not stop parsing, such as an over-long name. */
        String softAnomaly;

        /** Starts on the message in {@code b[off, off+len)}: nothing of the one before is used. */
        void reset(byte[] b, int off, int len) {
            this.b = b;
            this.off = off;
            this.len = len;
            pos = 0;
            lastNameEnd = 0;
            softAnomaly = null;
            readCount = 0;
        }

        void need(int at, int n) {
            if (at < 0 || n < 0 || at + n > len) {
                throw new Malformed("dns_truncated");
            }
        }

        int u8(int at) {
            need(at, 1);
            return b[off + at] & 0xff;
        }

        int u16(int at) {
            need(at, 2);
            return ((b[off + at] & 0xff) << 8) | (b[off + at + 1] & 0xff);
        }

        /** A u16 at a position {@link #need} has already checked. */
        int u16Unchecked(int at) {
            return ((b[off + at] & 0xff) << 8) | (b[off + at + 1] & 0xff);
        }

        /** One builder for every name of the message, read one at a time. */
        private final NameBuilder names = new NameBuilder();

        /**
         * Names read so far, by the offset their reading started at (after a leading pointer): a record's owner
         * name is most often a pointer to the question's name, which is then not read and copied again. A name
         * read from an offset to the end of the message is always the same text.
         */
        private final int[] readAt = new int[4];
        private final String[] readText = new String[4];
        private int readCount;

        /** Reads a name at {@link #pos} and moves past it. */
        String name() {
            String text = nameAt(pos, len);
            pos = lastNameEnd;
            return text;
        }

        /**
         * Reads a name at {@code at} that must end in place by {@code limit} (the end of the RDATA it is in);
         * {@link #lastNameEnd} is then where its in-place part ends.
         */
        String nameAt(int at, int limit) {
            int start = at;
            if (at < limit && (b[off + at] & 0xc0) == 0xc0) {
                // A leading pointer: the name is the one read from its target, maybe read already. (Its second
                // byte past the limit is read by readName below, as before; such a name is not remembered.)
                if (at + 1 >= limit) {
                    start = -1;
                } else {
                    start = ((b[off + at] & 0x3f) << 8) | (b[off + at + 1] & 0xff);
                    for (int i = 0; i < readCount; i++) {
                        if (readAt[i] == start) {
                            lastNameEnd = at + 2;
                            return readText[i];
                        }
                    }
                }
            }
            NameBuilder sb = names;
            sb.setLength(0);
            lastNameEnd = readName(at, limit, sb);
            String text = sb.length() == 0 ? "<Root>" : sb.toString();
            // Read whole, from start to the end of its last label: the same text wherever a pointer to it is.
            if (start >= 0 && readCount < readAt.length) {
                readAt[readCount] = start;
                readText[readCount++] = text;
            }
            return text;
        }

        /** Appends the name at {@code at} to {@code sb}; returns the position after its in-place part. */
        private int readName(int at, int limit, NameBuilder sb) {
            int p = at;
            int resume = -1;
            int jumps = 0;
            int wireLength = 1;
            while (true) {
                if (p >= limit) {
                    throw new Malformed("dns_truncated");
                }
                int l = u8(p);
                if (l == 0) {
                    p++;
                    break;
                }
                int kind = l & 0xc0;
                if (kind == 0xc0) {
                    int target = ((l & 0x3f) << 8) | u8(p + 1);
                    if (resume < 0) {
                        resume = p + 2;
                    }
                    if (++jumps > MAX_POINTER_JUMPS) {
                        throw new Malformed("dns_name_pointer_loop");
                    }
                    if (target >= len) {
                        throw new Malformed("dns_name_pointer_out_of_range");
                    }
                    p = target;
                    limit = len;
                    continue;
                }
                if (kind != 0) {
                    // An extended label type (RFC 6891 section 5) has no length we can trust: the name ends here,
                    // as Wireshark ends it, and parsing goes on after this byte.
                    softAnomaly = softAnomaly == null ? "dns_name_bad_label_type" : softAnomaly;
                    sb.setLength(0);
                    sb.append(UNKNOWN_EXTENDED_LABEL);
                    p++;
                    return resume >= 0 ? resume : p;
                }
                need(p + 1, l);
                wireLength += l + 1;
                if (wireLength <= MAX_NAME_LENGTH) {
                    if (sb.length() > 0) {
                        sb.append((byte) '.');
                    }
                    appendLabel(sb, p + 1, l);
                }
                p += l + 1;
            }
            if (wireLength > MAX_NAME_LENGTH) {
                // Walked to its end (so parsing can go on), but no valid name is that long: say so instead.
                softAnomaly = softAnomaly == null ? "dns_name_too_long" : softAnomaly;
                sb.setLength(0);
                sb.append(NAME_TOO_LONG);
            }
            return resume >= 0 ? resume : p;
        }

        /** Printable ASCII as is; other bytes as {@code \DDD} (RFC 4343 section 2.1), so names stay one line. */
        private void appendLabel(NameBuilder sb, int at, int l) {
            int from = off + at;
            int printable = 0;
            while (printable < l && isPrintable(b[from + printable])) {
                printable++;
            }
            // Almost every label is all printable: copied in one go, escaped byte by byte from the first that is not.
            sb.append(b, from, printable);
            for (int i = printable; i < l; i++) {
                int c = b[from + i] & 0xff;
                if (isPrintable(b[from + i])) {
                    sb.append((byte) c);
                } else {
                    sb.append((byte) '\\');
                    sb.append((byte) ('0' + c / 100));
                    sb.append((byte) ('0' + c / 10 % 10));
                    sb.append((byte) ('0' + c % 10));
                }
            }
        }
    }

    private static boolean isPrintable(byte c) {
        return c > 0x20 && c < 0x7f;
    }

    /**
     * The text of a name as it is read: ASCII bytes (escapes keep it so), made a string in one copy. A name is at
     * most 255 octets on the wire; escaped, four times that.
     */
    private static final class NameBuilder {
        /** A name's text at most: 255 octets, each escaped as {@code \DDD} at worst, and room for a marker. */
        private static final int MAX_TEXT = 4 * MAX_NAME_LENGTH + 16;
        /** Starts small (a message is parsed per packet) and grows to {@link #MAX_TEXT} only for long names. */
        private byte[] buf = new byte[128];
        private int length;

        void setLength(int n) {
            length = n;
        }

        int length() {
            return length;
        }

        void append(byte c) {
            if (length == buf.length) {
                if (length == MAX_TEXT) {
                    return;
                }
                buf = java.util.Arrays.copyOf(buf, Math.min(MAX_TEXT, 2 * length));
            }
            buf[length++] = c;
        }

        /** Appends {@code n} bytes from {@code src}, as many as fit in {@link #MAX_TEXT}. */
        void append(byte[] src, int from, int n) {
            if (length + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(MAX_TEXT, Math.max(2 * buf.length, length + n)));
            }
            int fits = Math.min(n, buf.length - length);
            System.arraycopy(src, from, buf, length, fits);
            length += fits;
        }

        void append(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                append((byte) ascii.charAt(i));
            }
        }

        @Override
        public String toString() {
            return new String(buf, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
