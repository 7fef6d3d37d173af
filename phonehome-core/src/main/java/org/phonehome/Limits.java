package org.phonehome;

import java.util.List;
import org.phonehome.detect.scan.ScanLimits;
import org.phonehome.flow.FlowBudget;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.TcpLimits;
import org.phonehome.net.IpAddress;
import org.phonehome.net.NetLimits;
import org.phonehome.proto.ProtocolLimits;
import org.phonehome.proto.http.HttpLimits;
import org.phonehome.proto.ParserMemory;

/**
 * The bounds of one audit that a user may set ({@link SettableLimit}, {@code phonehome audit --limit NAME=VALUE}),
 * as the config objects of the stages they bound. Immutable; {@link #DEFAULTS} are the built-in values.
 *
 * @param maxFlows  flows held at once; 0 for what the heap affords ({@link FlowConfig#maxFlowsFor})
 * @param tcp       per-direction TCP reassembly bounds
 * @param net       the IP stage's bounds (fragments)
 * @param protocols HTTP/1.x and HTTP/2 bounds
 * @param scan      detection's bounds on opening containers
 * @param maxBufferedBytes out-of-order bytes all TCP connections hold together; 0 for what the heap affords
 *                  ({@link FlowBudget#bufferedBytesFor})
 * @param maxParserHeldBytes headers and body bytes the HTTP messages under way of all connections hold together; 0
 *                  for what the heap affords ({@link ParserMemory#bytesFor})
 */
public record Limits(int maxFlows, TcpLimits tcp, NetLimits net, ProtocolLimits protocols, ScanLimits scan,
        long maxBufferedBytes, long maxParserHeldBytes) {

    /** The built-in bounds. */
    public static final Limits DEFAULTS = new Limits(0, TcpLimits.DEFAULT, NetLimits.DEFAULTS, ProtocolLimits.DEFAULTS,
            ScanLimits.DEFAULT, 0, 0);

    /** Checks that every part is there. */
    public Limits {
        if (maxFlows < 0 || tcp == null || net == null || protocols == null || scan == null || maxBufferedBytes < 0
                || maxParserHeldBytes < 0) {
            throw new IllegalArgumentException("bad limits");
        }
    }

    /**
     * The defaults with each {@code NAME=VALUE} setting applied in order (a later one wins).
     *
     * @throws IllegalArgumentException one sentence naming the setting and, for an unknown name, the valid ones
     */
    public static Limits parse(List<String> settings) {
        Limits out = DEFAULTS;
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--limit takes NAME=VALUE, e.g. --limit http-body-bytes=64M, not '"
                        + s + "'; the names are " + SettableLimit.names());
            }
            String name = s.substring(0, eq).strip();
            SettableLimit limit = SettableLimit.named(name);
            if (limit == null) {
                throw new IllegalArgumentException("--limit: unknown limit '" + name + "'; the names are "
                        + SettableLimit.names());
            }
            out = out.with(limit, limit.parse(s.substring(eq + 1)));
        }
        return out;
    }

    /** The flow table's settings with these bounds and the device's address (null to infer it). */
    public FlowConfig flowConfig(IpAddress deviceIp) {
        FlowConfig c = FlowConfig.defaults().withDeviceIp(deviceIp).withTcpLimits(tcp);
        return maxFlows > 0 ? c.withMaxFlows(maxFlows) : c;
    }

    /** The flow budget of an audit with {@code tables} workers' tables holding {@code maxFlows} flows. */
    public FlowBudget flowBudget(int tables, int maxFlows) {
        return new FlowBudget(tables, maxFlows, maxBufferedBytes > 0 ? maxBufferedBytes
                : FlowBudget.bufferedBytesFor(Runtime.getRuntime().maxMemory()));
    }

    /** The first worker's share of what the HTTP messages under way of an audit may hold ({@link ParserMemory}). */
    public ParserMemory parserMemory() {
        return new ParserMemory(maxParserHeldBytes > 0 ? maxParserHeldBytes
                : ParserMemory.bytesFor(Runtime.getRuntime().maxMemory()));
    }

    /**
     * The value of {@code limit} here ({@link SettableLimit#FLOWS}, {@link SettableLimit#TCP_BUFFERED_TOTAL} and
     * {@link SettableLimit#PARSER_HELD_TOTAL}: 0 when it follows the heap).
     */
    public long get(SettableLimit limit) {
        HttpLimits h = protocols.http();
        return switch (limit) {
            case FLOWS -> maxFlows;
            case TCP_BUFFERED_BYTES -> tcp.maxBufferedBytes();
            case TCP_BUFFERED_SEGMENTS -> tcp.maxBufferedSegments();
            case TCP_BUFFERED_TOTAL -> maxBufferedBytes;
            case IP_FRAGMENT_BYTES -> net.maxHeldBytes();
            case HTTP_HEAD_BYTES -> h.maxHeadBytes();
            case HTTP_BODY_BYTES -> h.maxBodyBytes();
            case PARSER_HELD_TOTAL -> maxParserHeldBytes;
            case HTTP_DECODED_BYTES -> h.maxDecodedBytes();
            case HTTP_DECOMPRESSION_RATIO -> h.maxDecompressionRatio();
            case HPACK_TABLE_BYTES -> protocols.hpackTableBytes();
            case SCAN_DEPTH -> scan.maxDepth();
            case SCAN_DECODED_BYTES -> scan.maxDecodedBytes();
            case SCAN_INFLATE_BYTES -> scan.maxInflateBytes();
            case SCAN_INFLATE_RATIO -> scan.maxInflateRatio();
        };
    }

    /** A copy with {@code limit} set to {@code value} (within the limit's range). */
    public Limits with(SettableLimit limit, long value) {
        if (value < limit.min() || value > limit.max()) {
            throw new IllegalArgumentException(limit.limitName() + " must be from " + limit.min() + " to "
                    + limit.max());
        }
        int v = (int) Math.min(value, Integer.MAX_VALUE);
        TcpLimits t = tcp;
        NetLimits n = net;
        HttpLimits h = protocols.http();
        int hpack = protocols.hpackTableBytes();
        ScanLimits s = scan;
        int flows = maxFlows;
        long buffered = maxBufferedBytes;
        long httpHeld = maxParserHeldBytes;
        switch (limit) {
            case FLOWS -> flows = v;
            case TCP_BUFFERED_BYTES -> t = new TcpLimits(v, t.maxBufferedSegments(), t.historyBytes());
            case TCP_BUFFERED_SEGMENTS -> t = new TcpLimits(t.maxBufferedBytes(), v, t.historyBytes());
            case TCP_BUFFERED_TOTAL -> buffered = value;
            case IP_FRAGMENT_BYTES -> n = new NetLimits(n.maxPendingDatagrams(), n.maxDatagramBytes(), value,
                    n.fragmentTimeoutNanos(), n.maxExtensionHeaders(), n.maxTunnelDepth());
            case HTTP_HEAD_BYTES -> h = new HttpLimits(v, h.maxHeaders(), h.maxPendingRequests(), h.maxBodyBytes(),
                    h.maxDecodedBytes(), h.maxDecompressionRatio(), h.maxContentCodings(), h.maxZstdWindowBytes(),
                    h.maxChunkLineBytes(), h.maxConnectHoldBytes(), h.maxJsonDepth(), h.maxJsonValues(),
                    h.maxFormFields(), h.maxMultipartParts(), h.maxMultipartDepth());
            case HTTP_BODY_BYTES -> h = h.withBodyBounds(v, h.maxDecodedBytes(), h.maxDecompressionRatio());
            case PARSER_HELD_TOTAL -> httpHeld = value;
            case HTTP_DECODED_BYTES -> h = h.withBodyBounds(h.maxBodyBytes(), v, h.maxDecompressionRatio());
            case HTTP_DECOMPRESSION_RATIO -> h = h.withBodyBounds(h.maxBodyBytes(), h.maxDecodedBytes(), v);
            case HPACK_TABLE_BYTES -> hpack = v;
            case SCAN_DEPTH -> s = s.withMaxDepth(v);
            case SCAN_DECODED_BYTES -> s = s.withMaxDecodedBytes(v);
            case SCAN_INFLATE_BYTES -> s = new ScanLimits(s.maxDepth(), s.maxDecodedBytes(), v, s.maxInflateRatio(),
                    s.maxRunsPerLevel(), s.minBase64Run(), s.minHexRun(), s.maxHitsPerPart(), s.contextBytes());
            case SCAN_INFLATE_RATIO -> s = new ScanLimits(s.maxDepth(), s.maxDecodedBytes(), s.maxInflateBytes(), v,
                    s.maxRunsPerLevel(), s.minBase64Run(), s.minHexRun(), s.maxHitsPerPart(), s.contextBytes());
        }
        return new Limits(flows, t, n, new ProtocolLimits(h, hpack), s, buffered, httpHeld);
    }
}
