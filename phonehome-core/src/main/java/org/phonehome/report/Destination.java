package org.phonehome.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One place the device contacted: a host name, or an IP address when no name is known.
 *
 * @param host                  the destination's name (its IP when it has none)
 * @param ips                   every address of the host the device contacted, sorted
 * @param country               ISO 3166 country code, null until enrichment knows it
 * @param asn                   autonomous system number, null until enrichment knows it
 * @param org                   organisation, null until enrichment knows it
 * @param flows                 number of flows to it
 * @param packetsOut            packets device to it
 * @param bytesOut              on-the-wire bytes device to it
 * @param packetsIn             packets from it to the device
 * @param bytesIn               on-the-wire bytes from it to the device
 * @param firstSeen             time of the first packet to or from it (ISO-8601 UTC)
 * @param lastSeen              time of the last packet
 * @param protocols             application protocols seen ({@code dns}, {@code http}, {@code tls}, ...), sorted
 * @param apps                  apps the capture attributes its flows to, sorted
 * @param service               the policy service it belongs to, null without a policy
 * @param contactAfterOptOut    true when contacted while its service was switched off; null without a policy
 * @param beacon                periodic contact, null when none was found
 * @param ports                 the server ports used, with per-port totals, sorted by transport then port
 * @param network               the special range the address is in ({@code private}, {@code loopback},
 *                              {@code cgnat}, ...), null for an ordinary address
 * @param asnOrg                the organisation holding the address's autonomous system, null when unknown
 * @param vendorService         what the host is, from the host catalog (e.g. "Xiaomi account API"), or null
 * @param purpose               the catalog's purpose for it ({@code account}, {@code ads}, {@code analytics},
 *                              {@code push}, {@code updates}, ...), or null
 * @param activeHours           the hours of the day (UTC, 0-23) in which it was contacted, sorted
 * @param highEntropyUploads    flows that sent it at least a megabyte of high-entropy data (compressed, encrypted
 *                              or recorded media) ten times more than they received: a recording or a database
 *                              being exfiltrated looks like this
 */
@JsonPropertyOrder({"host", "ips", "country", "asn", "org", "flows", "packets_out", "bytes_out", "packets_in",
    "bytes_in", "first_seen", "last_seen", "protocols", "apps", "service", "contact_after_opt_out", "beacon",
    "ports", "network", "asn_org", "vendor_service", "purpose", "active_hours", "high_entropy_uploads"})
public record Destination(String host, List<String> ips, String country, Long asn, String org, long flows,
                          long packetsOut, long bytesOut, long packetsIn, long bytesIn, String firstSeen,
                          String lastSeen, List<String> protocols, List<String> apps, String service,
                          Boolean contactAfterOptOut, Beacon beacon, List<PortUse> ports, String network,
                          String asnOrg, String vendorService, String purpose, List<Integer> activeHours,
                          long highEntropyUploads) {

    /** This destination with the policy's view of it. */
    public Destination withPolicy(String service, Boolean contactAfterOptOut) {
        return new Destination(host, ips, country, asn, org, flows, packetsOut, bytesOut, packetsIn, bytesIn,
                firstSeen, lastSeen, protocols, apps, service, contactAfterOptOut, beacon, ports, network, asnOrg,
                vendorService, purpose, activeHours, highEntropyUploads);
    }

    /** This destination with when it was contacted and how many suspicious uploads went to it. */
    public Destination withActivity(List<Integer> activeHours, long highEntropyUploads) {
        return new Destination(host, ips, country, asn, org, flows, packetsOut, bytesOut, packetsIn, bytesIn,
                firstSeen, lastSeen, protocols, apps, service, contactAfterOptOut, beacon, ports, network, asnOrg,
                vendorService, purpose, activeHours, highEntropyUploads);
    }

    /** This destination with its beacon (or none). */
    public Destination withBeacon(Beacon beacon) {
        return new Destination(host, ips, country, asn, org, flows, packetsOut, bytesOut, packetsIn, bytesIn,
                firstSeen, lastSeen, protocols, apps, service, contactAfterOptOut, beacon, ports, network, asnOrg,
                vendorService, purpose, activeHours, highEntropyUploads);
    }

    /** This destination with where it is and what it is. */
    public Destination withPlace(String country, Long asn, String org, String network, String asnOrg,
                                 String vendorService, String purpose) {
        return new Destination(host, ips, country, asn, org, flows, packetsOut, bytesOut, packetsIn, bytesIn,
                firstSeen, lastSeen, protocols, apps, service, contactAfterOptOut, beacon, ports, network, asnOrg,
                vendorService, purpose, activeHours, highEntropyUploads);
    }

    public Destination {
        ips = List.copyOf(ips);
        activeHours = activeHours == null ? List.of() : List.copyOf(activeHours);
        protocols = List.copyOf(protocols);
        apps = List.copyOf(apps);
        ports = List.copyOf(ports);
    }

    /**
     * Periodic contact with a destination.
     *
     * @param periodS the period in seconds
     * @param score   how regular the contact is, 0 to 1
     */
    public record Beacon(double periodS, double score) {
    }

    /**
     * The use of one server port of a destination.
     *
     * @param transport {@code tcp} or {@code udp}
     * @param port      the server's port
     * @param flows     flows to that port
     * @param bytesOut  on-the-wire bytes device to it
     * @param bytesIn   on-the-wire bytes from it
     * @param apps      apps attributed to those flows, sorted
     */
    @JsonPropertyOrder({"transport", "port", "flows", "bytes_out", "bytes_in", "apps"})
    public record PortUse(String transport, int port, long flows, long bytesOut, long bytesIn, List<String> apps) {
        public PortUse {
            apps = List.copyOf(apps);
        }
    }
}
