package org.phonehome.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The whole result of one audit: what was read, where the device went, what it sent (schema version 1).
 *
 * @param schema       report schema version ({@link #SCHEMA_VERSION})
 * @param capture      what was read and how every packet was accounted for
 * @param device       the audited device
 * @param destinations every destination the device contacted, sorted by host
 * @param findings     personal data found in what the device sent, sorted by first frame
 * @param flows        every flow (conversation), sorted by id; null unless asked for
 */
@JsonPropertyOrder({"schema", "capture", "device", "destinations", "findings", "flows"})
public record Audit(int schema, CaptureSummary capture, DeviceSummary device, List<Destination> destinations,
                    List<Finding> findings,
                    @JsonInclude(JsonInclude.Include.NON_NULL) List<FlowEntry> flows) {
    /** The version of the JSON report's shape. */
    public static final int SCHEMA_VERSION = 1;

    public Audit {
        destinations = List.copyOf(destinations);
        findings = List.copyOf(findings);
        flows = flows == null ? null : List.copyOf(flows);
    }
}
