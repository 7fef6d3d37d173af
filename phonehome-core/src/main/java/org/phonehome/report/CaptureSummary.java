package org.phonehome.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What was read and how every packet was accounted for: {@code packets} = sum of {@code decoded} + sum of
 * {@code undecoded}.
 *
 * @param files      the capture files as the user named them ({@code -} for standard input)
 * @param formats    the format of each file, in the same order ({@code pcap}, {@code pcap-ns}, {@code pcapng})
 * @param packets    records read from the captures (what tshark calls frames)
 * @param bytes      on-the-wire bytes of those packets ({@code frame.len} summed)
 * @param start      capture time of the earliest packet (ISO-8601 UTC), null when there is none
 * @param end        capture time of the latest packet, null when there is none
 * @param decoded    packets decoded, by what they carried ({@code tcp}, {@code udp}, {@code icmp}, {@code non_ip}, ...)
 * @param undecoded  packets that could not be decoded, by reason ({@code truncated_ip_header}, ...)
 * @param flows      flows seen, by transport ({@code tcp}, {@code udp})
 * @param protocols  flows by application protocol ({@code dns}, {@code http}, {@code tls}, {@code quic},
 *                   {@code raw} for payload phonehome does not parse, {@code none} for flows without payload)
 * @param anomalies  other named events and bounds hit ({@code tcp_gap}, {@code ip_fragments_expired},
 *                   {@code pcapng_unknown_block}, ...)
 * @param incomplete set when a capture was damaged: the results cover what came before the damage
 */
@JsonPropertyOrder({"files", "formats", "packets", "bytes", "start", "end", "decoded", "undecoded", "flows", "protocols", "anomalies",
    "incomplete"})
public record CaptureSummary(List<String> files, List<String> formats, long packets, long bytes, String start,
                             String end, Map<String, Long> decoded, Map<String, Long> undecoded,
                             Map<String, Long> flows, Map<String, Long> protocols,
                             Map<String, Long> anomalies, Incomplete incomplete) {

    /**
     * Where and why reading stopped early.
     *
     * @param file   the damaged capture as the user named it
     * @param offset byte offset of the damage in the (decompressed) file
     * @param reason what is wrong there
     */
    public record Incomplete(String file, long offset, String reason) {
    }
}
