package org.phonehome.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phonehome.net.IpAddress;
import org.phonehome.report.Destination;
import org.phonehome.report.Finding;

/**
 * Adds where things went to the report: country, ASN and organisation of each destination's address (or the special
 * range it is in), and what the host catalog knows of the host; the country of each finding's server.
 *
 * @param geo   IP to country and ASN
 * @param hosts host patterns to organisation, service and purpose
 */
public record Enrichment(GeoDatabase geo, HostCatalog hosts) {

    /** The data that ships with phonehome. */
    public static Enrichment bundled() {
        return new Enrichment(GeoDatabase.bundled(), HostCatalog.bundled());
    }

    /**
     * The destinations with geography and catalog facts. A destination with addresses in several countries takes the
     * country of its first address (they are sorted); the others stay visible in {@code ips}.
     */
    public List<Destination> destinations(List<Destination> in) {
        List<Destination> out = new ArrayList<>(in.size());
        for (Destination d : in) {
            GeoDatabase.Lookup g = d.ips().isEmpty() ? GeoDatabase.Lookup.UNKNOWN
                    : geo.lookup(IpAddress.parse(d.ips().get(0)));
            HostCatalog.Entry e = looksLikeName(d.host()) ? hosts.match(d.host()) : null;
            String org = e != null ? e.organisation() : g.org();
            out.add(d.withPlace(g.country(), g.asn(), org, g.network(), g.org(), e == null ? null : e.service(),
                    e == null ? null : e.purpose()));
        }
        return out;
    }

    /** The findings with their server's country. */
    public List<Finding> findings(List<Finding> in) {
        Map<String, String> countries = new HashMap<>();
        List<Finding> out = new ArrayList<>(in.size());
        for (Finding f : in) {
            String country = countries.computeIfAbsent(f.ip(), ip -> {
                String c = geo.lookup(IpAddress.parse(ip)).country();
                return c == null ? "" : c;
            });
            out.add(new Finding(f.identifier(), f.category(), f.encoding(), f.layers(), f.part(), f.name(), f.host(),
                    f.ip(), f.port(), country.isEmpty() ? null : country, f.protocol(), f.direction(), f.frames(),
                    f.time(), f.app(), f.source(), f.verdict(), f.rule(), f.evidence()));
        }
        return out;
    }

    private static boolean looksLikeName(String host) {
        return host.chars().anyMatch(Character::isLetter) && host.indexOf(':') < 0;
    }
}
