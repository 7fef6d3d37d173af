package org.phonehome.proto.quic;

import org.phonehome.Counters;

/** What one {@link QuicInitialParser} counted: packets by type and anomalies. */
public final class QuicStats {
    /** Counter names of {@link #packets()}. */
    public static final String INITIAL = "initial";
    public static final String ZERO_RTT = "0rtt";
    public static final String HANDSHAKE = "handshake";
    public static final String RETRY = "retry";
    public static final String ONE_RTT = "1rtt";
    public static final String VERSION_NEGOTIATION = "version_negotiation";
    public static final String UNKNOWN_VERSION = "unknown_version";
    /** Initial packets whose protection was removed. */
    public static final String INITIAL_DECRYPTED = "initial_decrypted";
    /** Server Initials seen before any client Initial: their keys are unknown, so they are not decrypted. */
    public static final String INITIAL_NO_KEYS = "initial_no_keys";

    private final Counters packets = new Counters();
    private final Counters anomalies = new Counters();

    QuicStats() {
    }

    /** Packets by type (the constants above). */
    public Counters packets() {
        return packets;
    }

    /** Anomalies by name. */
    public Counters anomalies() {
        return anomalies;
    }
}
