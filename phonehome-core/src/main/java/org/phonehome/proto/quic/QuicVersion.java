package org.phonehome.proto.quic;

import java.util.HexFormat;

/** The QUIC versions whose Initial packets we can decrypt, with what differs between them. */
public enum QuicVersion {
    /** QUIC version 1 (RFC 9000, RFC 9001 section 5.2). Long header types: 0 Initial, 1 0-RTT, 2 Handshake, 3 Retry. */
    V1(0x00000001L, "38762cf7f55934b34d179ae6a4c80cadccbb7f0a", "quic", new PacketType[] {
        PacketType.INITIAL, PacketType.ZERO_RTT, PacketType.HANDSHAKE, PacketType.RETRY}),
    /** QUIC version 2 (RFC 9369 sections 3.2-3.3). Long header types: 0 Retry, 1 Initial, 2 0-RTT, 3 Handshake. */
    V2(0x6b3343cfL, "0dede3def700a6db819381be6e269dcbf9bd2ed9", "quicv2", new PacketType[] {
        PacketType.RETRY, PacketType.INITIAL, PacketType.ZERO_RTT, PacketType.HANDSHAKE}),
    /**
     * IETF drafts 29 to 32 (0xff00001d-0xff000020): v1's packet layout and labels with draft-29's salt
     * (draft-ietf-quic-tls-29 section 5.2). Chrome and Android apps spoke h3-29 until 2021; captures keep it.
     */
    DRAFT_29(0xff00001dL, 0xff000020L, "afbfec289993d24c9e9786f19c6111e04390a899", "quic", new PacketType[] {
        PacketType.INITIAL, PacketType.ZERO_RTT, PacketType.HANDSHAKE, PacketType.RETRY}),
    /** IETF drafts 23 to 28 (0xff000017-0xff00001c), with draft-23's salt (draft-ietf-quic-tls-23 section 5.2). */
    DRAFT_23(0xff000017L, 0xff00001cL, "c3eef712c72ebb5a11a7d2432bb46365bef9f502", "quic", new PacketType[] {
        PacketType.INITIAL, PacketType.ZERO_RTT, PacketType.HANDSHAKE, PacketType.RETRY});

    /** Long header packet types. */
    public enum PacketType { INITIAL, ZERO_RTT, HANDSHAKE, RETRY }

    private final long wire;
    private final long lastWire;
    private final byte[] initialSalt;
    private final String labelPrefix;
    private final PacketType[] types;

    QuicVersion(long wire, String saltHex, String labelPrefix, PacketType[] types) {
        this(wire, wire, saltHex, labelPrefix, types);
    }

    QuicVersion(long wire, long lastWire, String saltHex, String labelPrefix, PacketType[] types) {
        this.wire = wire;
        this.lastWire = lastWire;
        this.initialSalt = HexFormat.of().parseHex(saltHex);
        this.labelPrefix = labelPrefix;
        this.types = types;
    }

    /** The version field's value (the first of a range of drafts). */
    public long wire() {
        return wire;
    }

    /** The salt of HKDF-Extract for the initial secret. */
    byte[] initialSalt() {
        return initialSalt.clone();
    }

    /** The HKDF label for {@code what} ("key", "iv", "hp"): "quic key" in v1, "quicv2 key" in v2. */
    String label(String what) {
        return labelPrefix + " " + what;
    }

    /** The packet type of the two type bits (bits 4-5 of the first byte). */
    public PacketType type(int typeBits) {
        return types[typeBits & 3];
    }

    /** The version with this wire value, or null when it is not one we know. */
    public static QuicVersion of(long wire) {
        for (QuicVersion v : values()) {
            if (wire >= v.wire && wire <= v.lastWire) {
                return v;
            }
        }
        return null;
    }
}
