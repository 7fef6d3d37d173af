package org.phonehome.detect.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a buffer that classifies every byte with a 256-entry table and finds, together, the base64 and
 * base64url runs ({@link Base64Runs}) and the hex runs ({@link HexRuns}) worth opening, and notes whether the
 * buffer holds a {@code %}, a backslash or a byte that may start a gzip/zlib header at all (so the decoders that
 * need them are not asked to read a buffer that has none, nor its part before the first). Reused level after level of one part's scan; not
 * thread-safe.
 *
 * <p><b>Stretches.</b> Every run lies inside a <em>stretch</em>: a maximal sequence of
 * {@code A-Z a-z 0-9 + / - _}. The loop only ORs each stretch's byte classes together; a stretch shorter than
 * both minimum run lengths (most words) is done with there. A stretch of letters and digits alone is one run of
 * both base64 alphabets at once; one with {@code + /} or {@code - _} is cut into the runs of each alphabet.
 *
 * <p><b>Runs.</b> A base64 run is a maximal stretch of one alphabet, standard ({@code A-Z a-z 0-9 + /}) or
 * URL-safe ({@code A-Z a-z 0-9 - _}), at least {@link ScanLimits#minBase64Run()} long, with up to two {@code =}
 * after it; it is labelled {@code base64url} when it holds {@code -} or {@code _}. A run made only of hex digits
 * is left to the hex runs. Runs come out by start, then end, a span found by both alphabets once. A hex run is a
 * maximal run of {@code 0-9 a-f A-F} of even length, at least {@link ScanLimits#minHexRun()} long.
 *
 * <p><b>Runs that are not opened</b>, because they cannot be an encoding worth opening (else the words of an
 * ordinary JSON body use up {@link ScanLimits#maxRunsPerLevel()} before the real blobs are reached):
 * <ul>
 *   <li><b>Lower case only:</b> no digit, no upper-case letter ({@code notification_session},
 *       {@code com-example-sdk}, {@code /usr/lib/...}). Its characters are all {@code a-z + / - _}, values 26 to 51,
 *       62 and 63: none below 26. The first character of each 4-character group is the top six bits of the group's
 *       first byte, so every decoded byte at an offset divisible by 3 is at least {@code 26 << 2 = 0x68}
 *       ({@code 'h'}). Any three consecutive decoded bytes contain one at such an offset, so the decoding never
 *       holds three consecutive bytes below {@code 'h'}: no three digits, hex digits (either case), upper-case
 *       letters, spaces or punctuation, hence no decimal identifier (IMEI, IMSI, phone), no hex or UUID form, no
 *       MAC, no URL ({@code %XX}) or JSON ({@code \}{@code u00XX}) escape, no hex run and no JSON or form text.
 *       Only bytes from {@code h-z}, DEL and the non-ASCII range could sit at those offsets, and a compressed or
 *       encrypted blob (uniform bytes) passes with probability {@code (28/64)^4} (under 4%) per 3 bytes: below
 *       {@code 10^-5} for the 16 characters of the shortest run, far less for a stream long enough to hold a
 *       value.</li>
 *   <li><b>Upper case only with a {@code + / - _}:</b> no digit, no lower-case letter, and at least one of the
 *       alphabet's two extra characters ({@code ACTION_BOOT_COMPLETED}). Its characters have values 0 to 25, 62
 *       and 63, so the fourth character of each group, the low six bits of the group's third byte, puts every
 *       decoded byte at an offset of 2 modulo 3 outside {@code 0x1a-0x3d} and {@code 0x5a-0x7d} (plus the same
 *       ranges + 0x80): never a digit, a lower-case letter, a space, quote, colon, comma, {@code %}, {@code =} or
 *       {@code &}. So again no three consecutive digits, lower-case letters or JSON/form/URL text, and no decimal
 *       identifier; and a {@code + / - _} (value 62 or 63) puts one byte from {@code > ? ~ DEL} or the non-ASCII
 *       range into the decoding (unless it is the last character, whose low bits may be dropped). Without that extra character an all-upper-case run is still opened: base64 of an
 *       upper-case hex string can be all upper case ({@code DDD} is {@code RERE}), so a lone upper-case run could
 *       hold an upper-case hex identifier. Uniform bytes pass with the same {@code (28/64)^4} per 3 bytes.</li>
 *   <li><b>Pieces of a blob:</b> a run of one alphabet that holds the other's extra characters (a long standard
 *       blob, with a {@code +} or {@code /} every 32 characters on average) is also cut by the other alphabet's
 *       search into pieces of letters and digits. When more than {@link #MAX_PIECES} such pieces (each a run that
 *       would otherwise be opened) lie inside it, it is a blob and the pieces are not opened: each decodes either
 *       to a stretch of the blob's own decoding (when it starts a multiple of 4 characters in) or to the same bits
 *       shifted, which is garbage. A few pieces are still opened: that is a URL path ({@code /v1/ODY0.../x} is one
 *       misaligned standard run, and its piece is the value) or a short token.</li>
 * </ul>
 */
final class RunFinder {
    /** Byte classes, bits of {@link #CLASS}. */
    static final int DIGIT = 1;
    static final int UPPER = 2;
    static final int LOWER = 4;
    /** {@code + /}: only in the standard alphabet. */
    static final int STD_EXTRA = 8;
    /** {@code - _}: only in the URL-safe alphabet. */
    static final int URL_EXTRA = 16;
    /** A byte of a stretch that is not a hex digit ({@code g-z G-Z + / - _}). */
    static final int NOT_HEX = 32;
    /** {@code %}. */
    static final int PERCENT = 64;
    /** A backslash. */
    static final int BACKSLASH = 128;
    /** {@code +} (also {@link #STD_EXTRA}): a space in form context. */
    static final int PLUS = 256;
    /**
     * {@code 0x1f}, the first byte of a gzip header, or {@code 01 5e 9c da}, the second of a zlib header (its
     * first, {@code x}, is too common in text to tell anything).
     */
    static final int HEADER = 512;
    /** The bytes of a stretch. */
    static final int WORD = DIGIT | UPPER | LOWER | STD_EXTRA | URL_EXTRA;
    static final int EXTRA = STD_EXTRA | URL_EXTRA;
    /** More pieces than this inside a run of the other alphabet make it a blob (see the class comment). */
    static final int MAX_PIECES = 4;

    private static final int[] CLASS = new int[256];

    static {
        for (int c = 0; c < 256; c++) {
            int m = 0;
            if (c >= '0' && c <= '9') {
                m = DIGIT;
            } else if (c >= 'A' && c <= 'Z') {
                m = UPPER | (c <= 'F' ? 0 : NOT_HEX);
            } else if (c >= 'a' && c <= 'z') {
                m = LOWER | (c <= 'f' ? 0 : NOT_HEX);
            } else if (c == '+' || c == '/') {
                m = STD_EXTRA | NOT_HEX | (c == '+' ? PLUS : 0);
            } else if (c == '-' || c == '_') {
                m = URL_EXTRA | NOT_HEX;
            } else if (c == '%') {
                m = PERCENT;
            } else if (c == '\\') {
                m = BACKSLASH;
            }
            if (c == 0x1f || c == 0x01 || c == 0x5e || c == 0x9c || c == 0xda) {
                m |= HEADER;
            }
            CLASS[c] = m;
        }
    }

    private final int minBase64;
    private final int minHex;
    private final int shortest;
    /** The base64 runs of the last buffer, by start then end. */
    final List<Base64Runs.Run> base64 = new ArrayList<>();
    /** The hex runs of the last buffer, by start. */
    final List<HexRuns.Run> hex = new ArrayList<>();
    /** The classes of all bytes of the last buffer, ORed. */
    int seen;
    /** Where the first {@code %} and the first backslash of the last buffer are (its length when none). */
    int firstPercent;
    int firstBackslash;
    /** No gzip or zlib header starts before this. */
    int firstHeader;

    /** Pieces of a mixed stretch: start, end, class mask; standard ones and URL-safe ones. */
    private final Pieces std = new Pieces();
    private final Pieces url = new Pieces();
    private final List<Base64Runs.Run> stretchRuns = new ArrayList<>();

    RunFinder(int minBase64, int minHex) {
        this.minBase64 = minBase64;
        this.minHex = minHex;
        this.shortest = Math.min(minBase64, minHex);
    }

    /** The class bits of byte {@code b}. */
    static int classOf(byte b) {
        return CLASS[b & 0xff];
    }

    /** True when a byte that starts a URL escape (or, in form context, a {@code +}) was seen. */
    boolean mayUrlDecode(boolean formContext) {
        return (seen & (formContext ? PERCENT | PLUS : PERCENT)) != 0;
    }

    /** Where {@link UrlDecoder#applies(byte[], boolean, int)} may start looking. */
    int urlFrom(boolean formContext) {
        return formContext && (seen & PLUS) != 0 ? 0 : firstPercent;
    }

    boolean mayJsonUnescape() {
        return (seen & BACKSLASH) != 0;
    }

    boolean mayHaveStream() {
        return (seen & HEADER) != 0;
    }

    /**
     * Whether {@code b} holds a byte from which a decoder could make bytes of any value: a URL escape or a form's
     * {@code +}, a JSON escape, or a byte that may begin a gzip or zlib header. Without one, every buffer decoded
     * from {@code b} (base64 and hex runs, which need {@link ScanLimits#minBase64Run()} or
     * {@link ScanLimits#minHexRun()} bytes) is shorter than {@code b}.
     */
    static boolean mayDecodeAnyBytes(byte[] b) {
        for (byte x : b) {
            if ((CLASS[x & 0xff] & (PERCENT | PLUS | BACKSLASH | HEADER)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Finds the runs of {@code b}, replacing those of the previous buffer. */
    void find(byte[] b) {
        base64.clear();
        hex.clear();
        int all = 0;
        int n = b.length;
        firstPercent = n;
        firstBackslash = n;
        firstHeader = n;
        int i = 0;
        while (i < n) {
            int c = CLASS[b[i] & 0xff];
            if ((c & WORD) == 0) {
                if (c != 0) {
                    if ((c & ~all & PERCENT) != 0) {
                        firstPercent = i;
                    } else if ((c & ~all & BACKSLASH) != 0) {
                        firstBackslash = i;
                    } else if ((c & ~all & HEADER) != 0) {
                        firstHeader = Math.max(0, i - 1);
                    }
                    all |= c;
                }
                i++;
                continue;
            }
            int start = i;
            int mask = c;
            while (++i < n && ((c = CLASS[b[i] & 0xff]) & WORD) != 0) {
                mask |= c;
            }
            all |= mask;
            if (i - start >= shortest) {
                stretch(b, start, i, mask);
            }
        }
        seen = all;
    }

    /**
     * True when a base64 run with these classes is opened: not only hex digits (left to the hex runs), and not one
     * of the single-case runs of the class comment.
     */
    static boolean base64Candidate(int mask) {
        if ((mask & NOT_HEX) == 0) {
            return false;
        }
        if ((mask & DIGIT) != 0) {
            return true;
        }
        if ((mask & UPPER) == 0) {
            return false; // lower case (and + / - _) only
        }
        return (mask & LOWER) != 0 || (mask & EXTRA) == 0; // upper case with + / - _ only: not opened
    }

    private void stretch(byte[] b, int s, int e, int mask) {
        int len = e - s;
        if (len >= minHex) {
            if ((mask & NOT_HEX) == 0) {
                if (len % 2 == 0) {
                    hex.add(new HexRuns.Run(s, e));
                }
            } else {
                hexRuns(b, s, e);
            }
        }
        if (len < minBase64) {
            return;
        }
        if ((mask & EXTRA) == 0) { // letters and digits only: one run of both alphabets
            if (base64Candidate(mask)) {
                base64.add(new Base64Runs.Run(s, e, padEnd(b, e), false));
            }
            return;
        }
        mixed(b, s, e);
    }

    private void hexRuns(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            if ((CLASS[b[i] & 0xff] & NOT_HEX) != 0) {
                i++;
                continue;
            }
            int start = i;
            while (++i < e && (CLASS[b[i] & 0xff] & NOT_HEX) == 0) {
                // a hex digit
            }
            if (i - start >= minHex && (i - start) % 2 == 0) {
                hex.add(new HexRuns.Run(start, i));
            }
        }
    }

    /** A stretch with {@code + /} or {@code - _}: the runs of each alphabet, less the pieces of blobs. */
    private void mixed(byte[] b, int s, int e) {
        pieces(b, s, e, URL_EXTRA, std);
        pieces(b, s, e, STD_EXTRA, url);
        dropPiecesOfBlobs(std, url);
        dropPiecesOfBlobs(url, std);
        stretchRuns.clear();
        add(b, e, std, false);
        add(b, e, url, true);
        if (stretchRuns.size() > 1) {
            stretchRuns.sort((x, y) -> x.start() != y.start() ? Integer.compare(x.start(), y.start())
                    : Integer.compare(x.dataEnd(), y.dataEnd()));
        }
        base64.addAll(stretchRuns);
    }

    /** The maximal pieces of {@code [s, e)} without a byte of class {@code cut}, at least minBase64 long. */
    private void pieces(byte[] b, int s, int e, int cut, Pieces out) {
        out.n = 0;
        int i = s;
        while (i < e) {
            int c = CLASS[b[i] & 0xff];
            if ((c & cut) != 0) {
                i++;
                continue;
            }
            int start = i;
            int mask = c;
            while (++i < e && ((c = CLASS[b[i] & 0xff]) & cut) == 0) {
                mask |= c;
            }
            if (i - start >= minBase64) {
                out.add(start, i, mask);
            }
        }
    }

    /**
     * Drops the candidate pieces of {@code inner} (letters and digits only) that lie in a piece of {@code outer}
     * holding more than {@link #MAX_PIECES} of them.
     */
    private static void dropPiecesOfBlobs(Pieces outer, Pieces inner) {
        int j = 0;
        for (int k = 0; k < outer.n; k++) {
            if ((outer.mask[k] & EXTRA) == 0) {
                continue; // letters and digits only: it is itself a piece, not a blob
            }
            int os = outer.start[k];
            int oe = outer.end[k];
            while (j < inner.n && inner.start[j] < os) {
                j++;
            }
            int count = 0;
            int last = j;
            for (; last < inner.n && inner.start[last] < oe; last++) {
                if (inner.end[last] <= oe && (inner.mask[last] & EXTRA) == 0 && base64Candidate(inner.mask[last])) {
                    count++;
                }
            }
            if (count > MAX_PIECES) {
                for (int x = j; x < last; x++) {
                    if (inner.end[x] <= oe && (inner.mask[x] & EXTRA) == 0) {
                        inner.mask[x] = 0; // not a candidate any more
                    }
                }
            }
            j = last;
        }
    }

    private void add(byte[] b, int e, Pieces p, boolean urlSafe) {
        for (int k = 0; k < p.n; k++) {
            if (base64Candidate(p.mask[k])) {
                int end = p.end[k] == e ? padEnd(b, e) : p.end[k];
                stretchRuns.add(new Base64Runs.Run(p.start[k], p.end[k], end,
                        urlSafe && (p.mask[k] & URL_EXTRA) != 0));
            }
        }
    }

    /** After a run ending at {@code e}: up to two {@code =}. */
    private static int padEnd(byte[] b, int e) {
        int i = e;
        while (i < b.length && i - e < 2 && b[i] == '=') {
            i++;
        }
        return i;
    }

    private static final class Pieces {
        int n;
        int[] start = new int[8];
        int[] end = new int[8];
        int[] mask = new int[8];

        void add(int s, int e, int m) {
            if (n == start.length) {
                start = java.util.Arrays.copyOf(start, n * 2);
                end = java.util.Arrays.copyOf(end, n * 2);
                mask = java.util.Arrays.copyOf(mask, n * 2);
            }
            start[n] = s;
            end[n] = e;
            mask[n] = m;
            n++;
        }
    }
}
