package org.phonehome.proto.dns;

import java.util.List;

/**
 * A DNS message (RFC 1035 section 4), as far as it could be parsed.
 *
 * @param id          transaction id
 * @param response    QR bit: true for a response
 * @param opcode      OPCODE
 * @param rcode       RCODE (0 NOERROR, 3 NXDOMAIN, ...)
 * @param truncated   TC bit
 * @param questions   question section
 * @param answers     answer section
 * @param authorities authority section
 * @param additionals additional section (OPT records left out)
 * @param anomaly     why parsing stopped early (a {@code dns_*} anomaly name), or null when the whole message parsed
 */
public record DnsMessage(int id, boolean response, int opcode, int rcode, boolean truncated,
                         List<DnsQuestion> questions, List<DnsRecord> answers, List<DnsRecord> authorities,
                         List<DnsRecord> additionals, String anomaly) {
    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** Record type A. */
    public static final int TYPE_A = 1;
    /** Record type NS. */
    public static final int TYPE_NS = 2;
    /** Record type CNAME. */
    public static final int TYPE_CNAME = 5;
    /** Record type PTR. */
    public static final int TYPE_PTR = 12;
    /** Record type AAAA. */
    public static final int TYPE_AAAA = 28;
    /** Record type DNAME. */
    public static final int TYPE_DNAME = 39;
    /** Record type OPT (EDNS). */
    public static final int TYPE_OPT = 41;
    /** Record type SVCB. */
    public static final int TYPE_SVCB = 64;
    /** Record type HTTPS. */
    public static final int TYPE_HTTPS = 65;
}
