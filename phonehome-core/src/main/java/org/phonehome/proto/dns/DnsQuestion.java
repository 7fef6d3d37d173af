package org.phonehome.proto.dns;

/**
 * One entry of a DNS message's question section.
 *
 * @param name     the queried name, labels joined by dots, without the trailing dot ({@code <Root>} for the root)
 * @param type     QTYPE (1 A, 28 AAAA, 5 CNAME, 12 PTR, 65 HTTPS, 64 SVCB, ...)
 * @param dnsClass QCLASS without mDNS's unicast-response bit
 */
public record DnsQuestion(String name, int type, int dnsClass) {
}
