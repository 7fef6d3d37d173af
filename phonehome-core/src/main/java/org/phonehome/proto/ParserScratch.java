package org.phonehome.proto;

import org.phonehome.proto.dns.DnsParser;
import org.phonehome.proto.quic.InitialCrypto;

/**
 * What one worker's flows take in turn instead of each making its own, because making them per flow showed in the
 * profile: a DNS parser (each DNS exchange is a flow of its own) and the engines that open QUIC Initial packets.
 * Each is used by one parser call at a time and keeps nothing of one flow for the next. Not thread-safe.
 *
 * @param dns        parses every DNS message of the worker
 * @param quicInitial derives Initial keys and opens Initial packets for every QUIC flow of the worker
 */
record ParserScratch(DnsParser dns, InitialCrypto quicInitial) {

    /** New ones, for one worker. */
    ParserScratch() {
        this(new DnsParser(), new InitialCrypto());
    }
}
