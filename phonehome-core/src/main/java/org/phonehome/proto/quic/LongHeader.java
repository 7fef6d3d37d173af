package org.phonehome.proto.quic;

import org.phonehome.proto.tls.ByteReader;

/**
 * The clear fields of a long header packet (RFC 9000 section 17.2) inside a datagram.
 *
 * @param version         the known version, null for version negotiation (version 0) or unknown versions
 * @param versionWire     the version field
 * @param type            the packet type (null when {@code version} is null)
 * @param dcid            destination connection id
 * @param scid            source connection id
 * @param start           offset of the first byte in the datagram array
 * @param pnOffset        offset of the (protected) packet number; for Retry and unknown versions, the packet's end
 * @param end             offset just past the packet (per its Length field; the datagram's end for Retry,
 *                        version negotiation and unknown versions)
 */
record LongHeader(QuicVersion version, long versionWire, QuicVersion.PacketType type, byte[] dcid, byte[] scid,
                  int start, int pnOffset, int end) {

    /** RFC 9000 section 17.2: connection ids of version 1 and 2 are at most 20 bytes. */
    static final int MAX_CID_LENGTH = 20;
    private static final int LONG_HEADER_BIT = 0x80;

    /** Why a long header did not parse. */
    enum Problem { NONE, TRUNCATED, INVALID }

    /**
     * Parses the long header at {@code data[start]} of a datagram ending at {@code datagramEnd}.
     *
     * @param problem receives why null was returned (index 0)
     */
    static LongHeader parse(byte[] data, int start, int datagramEnd, Problem[] problem) {
        ByteReader r = new ByteReader(data, start, datagramEnd - start);
        int first = r.u8();
        long versionWire = r.u32();
        int dcidLength = r.u8();
        byte[] dcid = r.bytes(dcidLength);
        int scidLength = r.u8();
        byte[] scid = r.bytes(scidLength);
        problem[0] = Problem.NONE;
        if (!r.ok()) {
            problem[0] = Problem.TRUNCATED;
            return null;
        }
        QuicVersion version = QuicVersion.of(versionWire);
        if ((first & LONG_HEADER_BIT) == 0) {
            problem[0] = Problem.INVALID;
            return null;
        }
        if (version == null) {
            return new LongHeader(null, versionWire, null, dcid, scid, start, datagramEnd, datagramEnd);
        }
        if (dcidLength > MAX_CID_LENGTH || scidLength > MAX_CID_LENGTH || (first & 0x40) == 0) {
            problem[0] = Problem.INVALID;
            return null;
        }
        QuicVersion.PacketType type = version.type(first >> 4);
        if (type == QuicVersion.PacketType.RETRY) {
            return new LongHeader(version, versionWire, type, dcid, scid, start, datagramEnd, datagramEnd);
        }
        if (type == QuicVersion.PacketType.INITIAL) {
            long tokenLength = QuicVarint.read(r);
            r.skip((int) Math.min(tokenLength, Integer.MAX_VALUE));
        }
        long length = QuicVarint.read(r);
        if (!r.ok() || length > r.remaining()) {
            problem[0] = Problem.TRUNCATED;
            return null;
        }
        int pnOffset = r.position();
        return new LongHeader(version, versionWire, type, dcid, scid, start, pnOffset, pnOffset + (int) length);
    }
}
