package org.phonehome.proto;

import org.phonehome.proto.dns.DnsParser;
import org.phonehome.proto.quic.InitialCrypto;

/**
 * What one worker's flows take in turn instead of each making its own, because making them per flow showed in the
 * profile: a DNS parser (each DNS exchange is a flow of its own) and the engines that open QUIC Initial packets.
 * Each is used by one parser call at a time and keeps nothing of one flow for the next. Not thread-safe.
 */
final class ParserScratch {
    private final DnsParser dns = new DnsParser();
    private InitialCrypto quicInitial;

    /** Parses every DNS message of the worker. */
    DnsParser dns() {
        return dns;
    }

    /**
     * Derives Initial keys and opens Initial packets for every QUIC flow of the worker; made for the first, as
     * starting the JDK's security providers takes a capture without QUIC tens of milliseconds for nothing.
     */
    InitialCrypto quicInitial() {
        if (quicInitial == null) {
            quicInitial = new InitialCrypto();
        }
        return quicInitial;
    }
}
