package org.phonehome.proto.tls.decrypt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * TLS secrets from NSS key log text (the {@code SSLKEYLOGFILE} format, also the TLS key log of pcapng Decryption
 * Secrets Blocks), looked up by the 32-byte client random.
 *
 * <p>A line is {@code LABEL <64 hex client random> <hex secret>}; {@code #} starts a comment; blank lines are
 * skipped. Malformed lines, unknown labels and conflicting duplicates become warnings naming the source and line
 * ({@code keys.txt line 7: expected 3 fields}); every good line is used. Several logs merge with
 * {@link #merge(KeyLog)}. Immutable.
 *
 * <p>Limits: lines longer than {@link DecryptLimits#MAX_KEY_LOG_LINE} chars are malformed; at most
 * {@link DecryptLimits#MAX_KEY_LOG_WARNINGS} warnings are listed (all are counted in {@link #warningCount()}).
 */
public final class KeyLog {
    /** A client random is 32 bytes (RFC 8446 section 4.1.2). */
    public static final int CLIENT_RANDOM_LENGTH = 32;
    private static final KeyLog EMPTY = new KeyLog(Map.of(), List.of(), 0);
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, Map<KeyLogLabel, byte[]>> sessions;
    private final List<String> warnings;
    private final int warningCount;

    private KeyLog(Map<String, Map<KeyLogLabel, byte[]>> sessions, List<String> warnings, int warningCount) {
        this.sessions = sessions;
        this.warnings = List.copyOf(warnings);
        this.warningCount = warningCount;
    }

    /** A log with no secrets. */
    public static KeyLog empty() {
        return EMPTY;
    }

    /** Parses key log bytes (ASCII text, as in a file or a pcapng Decryption Secrets Block); never throws. */
    public static KeyLog parse(byte[] text, String sourceName) {
        return parse(new String(text, StandardCharsets.ISO_8859_1), sourceName);
    }

    /** Parses key log text; {@code sourceName} prefixes the warnings. Never throws. */
    public static KeyLog parse(String text, String sourceName) {
        Builder b = new Builder(sourceName);
        int lineNo = 0;
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            lineNo++;
            b.line(lineNo, text, start, end);
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return b.build();
    }

    /** This log and {@code other} together; on a conflict this log's secret is kept and a warning added. */
    public KeyLog merge(KeyLog other) {
        Map<String, Map<KeyLogLabel, byte[]>> merged = copy(sessions);
        List<String> w = new ArrayList<>(warnings);
        int count = warningCount + other.warningCount;
        w.addAll(other.warnings);
        for (Map.Entry<String, Map<KeyLogLabel, byte[]>> e : other.sessions.entrySet()) {
            Map<KeyLogLabel, byte[]> mine = merged.computeIfAbsent(e.getKey(), k -> new EnumMap<>(KeyLogLabel.class));
            for (Map.Entry<KeyLogLabel, byte[]> s : e.getValue().entrySet()) {
                byte[] old = mine.putIfAbsent(s.getKey(), s.getValue());
                if (old != null && !java.util.Arrays.equals(old, s.getValue())) {
                    count++;
                    if (w.size() < DecryptLimits.MAX_KEY_LOG_WARNINGS) {
                        w.add("merged key logs: conflicting " + s.getKey() + " for client random " + e.getKey()
                                + "; the first is kept");
                    }
                }
            }
        }
        return new KeyLog(merged, w, count);
    }

    /** The secrets of the session with this client random, or null when the log has none. */
    public SessionSecrets lookup(byte[] clientRandom) {
        if (clientRandom == null || clientRandom.length != CLIENT_RANDOM_LENGTH) {
            return null;
        }
        Map<KeyLogLabel, byte[]> s = sessions.get(HEX.formatHex(clientRandom));
        return s == null ? null : new SessionSecrets(s);
    }

    /** Number of sessions (distinct client randoms) with at least one secret. */
    public int sessionCount() {
        return sessions.size();
    }

    /** The warnings, in file order, the first {@link DecryptLimits#MAX_KEY_LOG_WARNINGS}. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every warning, listed or not. */
    public int warningCount() {
        return warningCount;
    }

    private static Map<String, Map<KeyLogLabel, byte[]>> copy(Map<String, Map<KeyLogLabel, byte[]>> m) {
        Map<String, Map<KeyLogLabel, byte[]>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, new EnumMap<>(v)));
        return out;
    }

    /** Accumulates one source's lines. */
    private static final class Builder {
        private final String source;
        private final Map<String, Map<KeyLogLabel, byte[]>> sessions = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private int warningCount;

        Builder(String source) {
            this.source = source;
        }

        void line(int lineNo, String text, int start, int end) {
            if (end - start > DecryptLimits.MAX_KEY_LOG_LINE) {
                warn(lineNo, "line longer than " + DecryptLimits.MAX_KEY_LOG_LINE + " characters");
                return;
            }
            String line = text.substring(start, end).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                warn(lineNo, "expected 3 fields");
                return;
            }
            KeyLogLabel label = KeyLogLabel.parse(f[0]);
            if (label == null && f[0].equals("RSA")) {
                // OpenSSL also logs the RSA pre-master secret of RSA key exchange; the CLIENT_RANDOM line it writes
                // beside it carries the master secret, which is all decryption needs.
                return;
            }
            if (label == null) {
                warn(lineNo, "unsupported label " + (f[0].length() > 40 ? f[0].substring(0, 40) + "..." : f[0]));
                return;
            }
            byte[] random = hex(f[1]);
            if (random == null || random.length != CLIENT_RANDOM_LENGTH) {
                warn(lineNo, "client random is not 64 hex digits");
                return;
            }
            byte[] secret = hex(f[2]);
            if (secret == null || !label.fits(secret.length)) {
                warn(lineNo, "secret of " + label + " is not " + (label == KeyLogLabel.CLIENT_RANDOM
                        ? "96" : "64 or 96") + " hex digits");
                return;
            }
            String key = HEX.formatHex(random);
            Map<KeyLogLabel, byte[]> s = sessions.computeIfAbsent(key, k -> new EnumMap<>(KeyLogLabel.class));
            byte[] old = s.putIfAbsent(label, secret);
            if (old != null && !java.util.Arrays.equals(old, secret)) {
                warn(lineNo, "conflicting " + label + " for this client random; the first is kept");
            }
        }

        private void warn(int lineNo, String what) {
            warningCount++;
            if (warnings.size() < DecryptLimits.MAX_KEY_LOG_WARNINGS) {
                warnings.add(source + " line " + lineNo + ": " + what);
            }
        }

        KeyLog build() {
            return new KeyLog(sessions, warnings, warningCount);
        }

        private static byte[] hex(String s) {
            if (s.length() % 2 != 0) {
                return null;
            }
            try {
                return HEX.parseHex(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
