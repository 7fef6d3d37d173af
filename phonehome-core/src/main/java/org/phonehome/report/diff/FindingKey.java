package org.phonehome.report.diff;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import org.phonehome.report.Finding;

/**
 * What makes two findings of two audits "the same leak": the same identifier, sent in the same form, in the same
 * part and name, to the same host, in the same direction. Frames, times, ports and evidence differ between captures
 * and are ignored.
 *
 * @param identifier the identifier ({@code imei})
 * @param encoding   its encoding ({@code md5-hex})
 * @param part       the message part ({@code query})
 * @param name       the part's name, or null
 * @param host       the destination
 * @param direction  {@code outbound} or {@code inbound}
 */
@JsonPropertyOrder({"identifier", "encoding", "part", "name", "host", "direction"})
public record FindingKey(String identifier, String encoding, String part, String name, String host,
                         String direction) implements Comparable<FindingKey> {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<FindingKey> ORDER = Comparator.comparing(FindingKey::host, TEXT)
            .thenComparing(FindingKey::identifier, TEXT)
            .thenComparing(FindingKey::encoding, TEXT)
            .thenComparing(FindingKey::part, TEXT)
            .thenComparing(FindingKey::name, TEXT)
            .thenComparing(FindingKey::direction, TEXT);

    /** The key of a finding. */
    public static FindingKey of(Finding f) {
        return new FindingKey(f.identifier(), f.encoding(), f.part(), f.name(), f.host(), f.direction());
    }

    /** True for a finding the device sent. */
    public boolean outbound() {
        return !"inbound".equals(direction);
    }

    /** By host, then identifier, encoding, part, name, direction. */
    @Override
    public int compareTo(FindingKey o) {
        return ORDER.compare(this, o);
    }

    /** {@code imei (md5-hex) in query imei_md5 to sdkconfig.ad.xiaomi.com}, inbound said so. */
    public String describe() {
        return identifier + " (" + encoding + ") in " + part + (name == null ? "" : " " + name)
                + (outbound() ? " to " : " from ") + host + (outbound() ? "" : " (inbound)");
    }
}
