package org.phonehome.detect.scan;

import java.util.List;
import org.phonehome.Counters;
import org.phonehome.proto.MessagePart;

/**
 * Scans one part's value with the {@link ByteMatcher}, and recursively what can be decoded out of it: URL
 * encoding, JSON string escapes, base64/base64url runs, hex runs, gzip and zlib streams found anywhere (see
 * {@link UrlDecoder}, {@link JsonUnescaper}, {@link Base64Runs}, {@link HexRuns}, {@link CompressedStreams}; which
 * runs are opened, found in one pass over each buffer, is {@link RunFinder}'s to say). Each decoded buffer is
 * scanned and opened again, up to {@link ScanLimits#maxDepth()}; the layers opened are appended to the part's own
 * ({@link Hit#layers()}). Never throws on any input. Not thread-safe: it reuses its scan state, and may remember
 * parts that held nothing; each worker's detector has its own.
 *
 * <p><b>Order.</b> Levels are visited depth-first, each level's children in decoder order (URL, JSON, base64,
 * hex, compressed streams) and by offset; a level's hits are in offset order.
 *
 * <p><b>Dedupe.</b> One occurrence is reported once, with the fewest layers:
 * <ul>
 *   <li>A hit is dropped when, mapped back through its levels' {@link SpanMap}s, it overlaps a hit of the same
 *       profile value ({@code ref}, any encoding) kept at an ancestor level. This covers the plain IMEI of a query
 *       found again after URL-decoding (same ref and encoding, same bytes), and the plain IMEI found inside a
 *       base64 run whose base64 form was already a hit (same ref, the outer hit kept with encoding
 *       {@code base64}).</li>
 *   <li>A run lying entirely inside a hit at its level is not opened at all (it is that identifier's encoded
 *       form), and a run that an ancestor reached through URL/JSON unescaping only already opened, byte for
 *       byte, is not opened again (else base64 inside a URL-encoded form would be reported twice, with layers
 *       {@code [base64]} and {@code [urlencoded, base64]}).</li>
 *   <li>Hits reached through different paths (sibling levels: e.g. a standard base64 run inside a longer
 *       base64url run, both decoding the value) are one occurrence when they have the same ref and their spans,
 *       mapped to the deepest level both came from, overlap; the one with fewer layers (then the first found) is
 *       kept.</li>
 *   <li>Hits at the same level are not merged: overlapping variants of one value (an E.164 and a national phone
 *       form) are all reported.</li>
 * </ul>
 *
 * <p><b>The json layer.</b> {@code json} is added only when JSON escapes had to be undone to find the value. A
 * value inside plain JSON text needs no decoding; that a part is JSON is the protocol layer's to say (its
 * {@code json} parts), so e.g. base64 of gzip of a JSON with an escaped value gives
 * {@code [base64, gzip, json]}, and with an unescaped value {@code [base64, gzip]}.
 */
public final class ContainerScanner {
    private final ByteMatcher matcher;
    private final ScanLimits limits;
    /**
     * The scan state of the last part, reused by the next (its lists, run finder and match buffer are made once
     * rather than per part, which matters for the many small parts of DNS names and headers). A scanner therefore
     * serves one thread; each worker's detector has its own.
     */
    private PartScan idle;
    /**
     * A part shorter than this, and than every variant, with no byte a decoder could turn into any other
     * ({@link RunFinder#mayDecodeAnyBytes}) cannot hold a hit: nothing in it is as long as a variant, nothing
     * can be opened in it, and everything decoded from it would be shorter still. Many header values and query
     * fields are such parts, and the scan's set-up would cost more than its bytes.
     */
    private final int nothingBelow;

    /** Parts this long at most are remembered when nothing was found in them. */
    public static final int MAX_REMEMBERED_PART_BYTES = 256;
    /** Parts remembered at most by a scanner that remembers (about 1 MB with their bytes). */
    public static final int MAX_REMEMBERED_PARTS = 4096;

    /**
     * Parts (without outer layers) in which a scan found nothing and counted nothing, one per slot by a hash of
     * their bytes: the same bytes in the same context always scan the same, and DNS names and many header values
     * come again and again. A part is remembered only when its hash was seen before ({@link #seen}), so that
     * parts seen once (nonces, request ids, bodies) do not push out the ones that repeat. Null when this scanner
     * does not remember.
     */
    private final byte[][] nothingIn;
    private final boolean[] nothingInForm;
    /** Hashes of parts scanned once, four times as many slots. */
    private final int[] seen;
    /** Where a remembering scan counts its anomalies first: only a scan that counted nothing is remembered. */
    private final Counters scratch = new Counters();

    /** A scanner that scans every part it is given. */
    public ContainerScanner(ByteMatcher matcher, ScanLimits limits) {
        this(matcher, limits, 0);
    }

    /**
     * A scanner that remembers up to {@code rememberedParts} (a power of two, at most {@link #MAX_REMEMBERED_PARTS})
     * short parts that held nothing, and answers them again without a scan.
     */
    public ContainerScanner(ByteMatcher matcher, ScanLimits limits, int rememberedParts) {
        if (rememberedParts < 0 || rememberedParts > MAX_REMEMBERED_PARTS || Integer.bitCount(rememberedParts) > 1) {
            throw new IllegalArgumentException("remembered parts: " + rememberedParts);
        }
        this.matcher = matcher;
        this.limits = limits;
        this.nothingBelow = Math.min(matcher.minLength(), Math.min(limits.minBase64Run(), limits.minHexRun()));
        this.nothingIn = rememberedParts == 0 ? null : new byte[rememberedParts][];
        this.nothingInForm = rememberedParts == 0 ? null : new boolean[rememberedParts];
        this.seen = rememberedParts == 0 ? null : new int[4 * rememberedParts];
    }

    public ByteMatcher matcher() {
        return matcher;
    }

    /**
     * Scans a part; {@code +} is a space when undoing URL encoding of a {@code query} or {@code form} part's own
     * value. Bounds hit and errors are counted in {@code anomalies} ({@link ScanAnomalies}).
     */
    public List<Hit> scan(MessagePart part, Counters anomalies) {
        boolean form = MessagePart.Kinds.QUERY.equals(part.kind()) || MessagePart.Kinds.FORM.equals(part.kind());
        return scan(part.value(), part.layers(), form, anomalies);
    }

    /**
     * A hash of a part's length and eight of its bytes (the first three, the middle two, the last three): enough to
     * tell parts apart for remembering, and cheaper than hashing every byte of every part; a remembered part is
     * compared byte for byte before it is believed.
     */
    private static int sampleHash(byte[] v) {
        int n = v.length;
        int h = n;
        if (n > 0) {
            int m = n >>> 1;
            h = h * 31 + v[0];
            h = h * 31 + v[Math.min(1, n - 1)];
            h = h * 31 + v[Math.min(2, n - 1)];
            h = h * 31 + v[m];
            h = h * 31 + v[Math.max(0, m - 1)];
            h = h * 31 + v[n - 1];
            h = h * 31 + v[Math.max(0, n - 2)];
            h = h * 31 + v[Math.max(0, n - 3)];
        }
        return h;
    }

    /** Scans bytes with the given outer layers; see {@link #scan(MessagePart, Counters)}. */
    public List<Hit> scan(byte[] value, List<String> layers, boolean formContext, Counters anomalies) {
        if (value == null || value.length < nothingBelow && !RunFinder.mayDecodeAnyBytes(value)
                || matcher.maxLength() == 0) {
            // Without a variant (an audit without a device profile) nothing can be found in any layer: nothing is
            // opened, so no bound is reached and no scan anomaly counted. Opening them anyway was a tenth of such
            // an audit of many small HTTP exchanges.
            return List.of();
        }
        int slot = -1;
        boolean remember = false;
        if (nothingIn != null && value.length <= MAX_REMEMBERED_PART_BYTES && (layers == null || layers.isEmpty())) {
            int hash = sampleHash(value) * 0x9E3779B9 + (formContext ? 1 : 0);
            slot = (hash >>> 16) & (nothingIn.length - 1);
            if (nothingInForm[slot] == formContext && java.util.Arrays.equals(nothingIn[slot], value)) {
                return List.of();
            }
            int s = (hash >>> 12) & (seen.length - 1);
            remember = seen[s] == hash;
            seen[s] = hash;
        }
        Counters counted = remember ? scratch : anomalies;
        PartScan scan = idle;
        idle = null;
        if (scan == null) {
            scan = new PartScan(matcher, limits, counted);
        } else {
            scan.reset(counted);
        }
        boolean failed = false;
        try {
            scan.run(value, layers == null ? List.of() : layers, formContext);
        } catch (RuntimeException e) {
            anomalies.increment(ScanAnomalies.INTERNAL_ERROR);
            failed = true;
        }
        List<Hit> hits = List.copyOf(scan.hits());
        if (!failed) {
            idle = scan; // a scan that failed is not reused: its state is unknown
        }
        if (remember) {
            if (!scratch.isEmpty()) {
                anomalies.addAll(scratch);
                scratch.clear();
            } else if (!failed && hits.isEmpty()) {
                nothingIn[slot] = value.clone();
                nothingInForm[slot] = formContext;
            }
        }
        return hits;
    }
}
