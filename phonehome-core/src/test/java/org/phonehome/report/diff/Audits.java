package org.phonehome.report.diff;

import java.util.List;
import java.util.Map;
import org.phonehome.report.Audit;
import org.phonehome.report.CaptureSummary;
import org.phonehome.report.Destination;
import org.phonehome.report.DeviceSummary;
import org.phonehome.report.Finding;

/** Factories for audits, findings and destinations (the Redmi Note story, before and after an update). */
final class Audits {
    private Audits() {
    }

    static Audit audit(List<Destination> destinations, List<Finding> findings) {
        CaptureSummary capture = new CaptureSummary(List.of("x.pcap"), List.of("pcap"), 0, 0, null, null, Map.of(),
                Map.of(), Map.of(), Map.of(), Map.of(), null);
        return new Audit(Audit.SCHEMA_VERSION, capture, new DeviceSummary("Redmi Note", null), destinations, findings,
                null);
    }

    /** An outbound finding; frame and time make occurrences differ without changing the leak. */
    static Finding leak(String identifier, String encoding, String part, String name, String host, String verdict,
                        long frame) {
        return new Finding(identifier, "device_id", encoding, List.of(), part, name, host, "111.13.141.211", 80, "CN",
                "http", "outbound", List.of(frame), "2014-08-10T09:3" + (frame % 10) + ":00Z", null, "profile",
                verdict, verdict.equals("violation") ? "countries.personal_data_deny: CN" : null, "masked");
    }

    static Finding inbound(String identifier, String host, long frame) {
        return new Finding(identifier, "device_id", "plain", List.of(), "body", null, host, "111.13.141.211", 80, "CN",
                "http", "inbound", List.of(frame), "2014-08-10T09:30:00Z", null, "profile", "unknown",
                "inbound: received from " + host + ", not sent by the device", "masked");
    }

    static Destination dest(String host, long flows, Boolean contactAfterOptOut) {
        return new Destination(host, List.of("111.13.141.211"), "CN", null, null, flows, flows * 7, flows * 653,
                flows * 5, flows * 521, "2014-08-10T09:30:00Z", "2014-08-10T09:40:00Z", List.of("http"), List.of(),
                contactAfterOptOut == null ? null : "mi_cloud", contactAfterOptOut, null, List.of(), null, null, null, null,
                List.of(), 0);
    }
}
