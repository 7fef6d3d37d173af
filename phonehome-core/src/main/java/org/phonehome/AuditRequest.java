package org.phonehome;

import java.util.List;
import org.phonehome.detect.DetectionOptions;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.enrich.Enrichment;
import org.phonehome.policy.PolicyEngine;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.net.IpAddress;
import org.phonehome.proto.ProtocolListener;

/**
 * What to audit and how.
 *
 * @param captures     the captures, read one after the other as one stream of frames
 * @param deviceIp     the device's address when the user names it, else null (the device side is inferred)
 * @param includeFlows whether the report lists every flow
 * @param progress     told how far reading has got; never null
 * @param eventLog     also told every protocol event (e.g. to write logs), or null
 * @param profile      the device's identifiers and canaries to look for, or null (then nothing is searched)
 * @param detection    how findings are reported
 * @param enrichment   geography and host catalog; null for the data that ships with phonehome
 * @param policy       the consent policy that decides verdicts; null for none (every verdict {@code unknown})
 * @param keys         TLS key log(s) given by the user; null for none (pcapng Decryption Secrets Blocks are used
 *                     either way)
 * @param limits       the bounds the user set; null for the built-in ones ({@link Limits#DEFAULTS})
 * @param threads      worker threads that share the flows (at least 1); one more thread reads
 */
public record AuditRequest(List<CaptureInput> captures, IpAddress deviceIp, boolean includeFlows,
                           Progress progress, ProtocolListener eventLog, DeviceProfile profile,
                           DetectionOptions detection, Enrichment enrichment, PolicyEngine policy,
                           KeyLog keys, Limits limits, int threads) {

    /** The request as before threads were a choice: one thread. */
    public AuditRequest(List<CaptureInput> captures, IpAddress deviceIp, boolean includeFlows,
                        Progress progress, ProtocolListener eventLog, DeviceProfile profile,
                        DetectionOptions detection, Enrichment enrichment, PolicyEngine policy, KeyLog keys,
                        Limits limits) {
        this(captures, deviceIp, includeFlows, progress, eventLog, profile, detection, enrichment, policy, keys,
                limits, 1);
    }

    public AuditRequest {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        captures = List.copyOf(captures);
        if (progress == null) {
            progress = Progress.NONE;
        }
        if (detection == null) {
            detection = DetectionOptions.defaults();
        }
        if (policy == null) {
            policy = PolicyEngine.none();
        }
        if (limits == null) {
            limits = Limits.DEFAULTS;
        }
    }

    /** A request with the built-in limits. */
    public AuditRequest(List<CaptureInput> captures, IpAddress deviceIp, boolean includeFlows, Progress progress,
                        ProtocolListener eventLog, DeviceProfile profile, DetectionOptions detection,
                        Enrichment enrichment, PolicyEngine policy, KeyLog keys) {
        this(captures, deviceIp, includeFlows, progress, eventLog, profile, detection, enrichment, policy, keys,
                null, 1);
    }

    /** This request with other limits. */
    public AuditRequest withLimits(Limits other) {
        return new AuditRequest(captures, deviceIp, includeFlows, progress, eventLog, profile, detection, enrichment,
                policy, keys, other, threads);
    }

    /** An audit of the given captures with default settings. */
    public static AuditRequest of(List<CaptureInput> captures) {
        return new AuditRequest(captures, null, false, Progress.NONE, null, null, null, null, null, null, null, 1);
    }

    /** The same request run by {@code n} worker threads (flows shared among them; the report is the same). */
    public AuditRequest withThreads(int n) {
        return new AuditRequest(captures, deviceIp, includeFlows, progress, eventLog, profile, detection, enrichment,
                policy, keys, limits, n);
    }

    /** Told how far the audit has read; called from the reading thread every few thousand packets. */
    @FunctionalInterface
    public interface Progress {
        /** Reports nothing. */
        Progress NONE = (file, index, offset, size) -> { };

        /**
         * @param file   the capture being read
         * @param index  its position among the captures (0-based)
         * @param offset bytes of it read so far
         * @param size   its size in bytes, or -1 when unknown
         */
        void update(String file, int index, long offset, long size);
    }
}
