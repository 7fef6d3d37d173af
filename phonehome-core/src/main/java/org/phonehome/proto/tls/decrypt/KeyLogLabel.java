package org.phonehome.proto.tls.decrypt;

/** The labels of the NSS key log format (SSLKEYLOGFILE) that carry secrets we use, with each secret's length. */
public enum KeyLogLabel {
    /** TLS 1.0-1.2: the 48-byte master secret. */
    CLIENT_RANDOM(48, 48),
    /** TLS 1.3 client_handshake_traffic_secret. */
    CLIENT_HANDSHAKE_TRAFFIC_SECRET(32, 48),
    /** TLS 1.3 server_handshake_traffic_secret. */
    SERVER_HANDSHAKE_TRAFFIC_SECRET(32, 48),
    /** TLS 1.3 client_application_traffic_secret_0. */
    CLIENT_TRAFFIC_SECRET_0(32, 48),
    /** TLS 1.3 server_application_traffic_secret_0. */
    SERVER_TRAFFIC_SECRET_0(32, 48),
    /** TLS 1.3 exporter_master_secret (kept, not used for records). */
    EXPORTER_SECRET(32, 48),
    /** TLS 1.3 client_early_traffic_secret (0-RTT). */
    CLIENT_EARLY_TRAFFIC_SECRET(32, 48),
    /** TLS 1.3 early_exporter_master_secret (kept, not used for records). */
    EARLY_EXPORTER_SECRET(32, 48);

    private final int minLength;
    private final int maxLength;

    KeyLogLabel(int minLength, int maxLength) {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Whether a secret of {@code length} bytes fits this label (TLS 1.3 secrets are a SHA-256 or SHA-384 output). */
    boolean fits(int length) {
        return length == minLength || length == maxLength;
    }

    /** The label spelled as in the file, or null when it is not one of ours. */
    static KeyLogLabel parse(String s) {
        for (KeyLogLabel l : values()) {
            if (l.name().equals(s)) {
                return l;
            }
        }
        return null;
    }
}
