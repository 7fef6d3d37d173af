package org.phonehome.proto.dns;

import java.util.List;
import org.phonehome.net.IpAddress;

/**
 * One resource record of an answer, authority or additional section, with the RDATA phonehome uses decoded.
 *
 * @param name     owner name
 * @param type     TYPE
 * @param dnsClass CLASS without mDNS's cache-flush bit
 * @param ttl      TTL in seconds
 * @param address  the address of an A or AAAA record, else null
 * @param target   the name an CNAME, PTR, NS or DNAME record points to, or an SVCB/HTTPS record's TargetName; else null
 * @param hints    addresses from an SVCB/HTTPS record's ipv4hint and ipv6hint; empty otherwise
 */
public record DnsRecord(String name, int type, int dnsClass, long ttl, IpAddress address, String target,
                        List<IpAddress> hints) {
    public DnsRecord {
        hints = List.copyOf(hints);
    }
}
