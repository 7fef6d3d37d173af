package org.phonehome.proto.tls;

import java.util.EnumMap;
import java.util.Map;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;

/** What one {@link TlsParser} counted: records and bytes per direction, and anomalies. */
public final class TlsStats {
    private final Map<Direction, DirectionStats> byDirection = new EnumMap<>(Direction.class);
    private final Counters anomalies = new Counters();

    TlsStats() {
        for (Direction d : Direction.values()) {
            byDirection.put(d, new DirectionStats());
        }
    }

    /** The counts of one direction. */
    public DirectionStats of(Direction direction) {
        return byDirection.get(direction);
    }

    /** Anomalies by name. */
    public Counters anomalies() {
        return anomalies;
    }

    /** Counts of one direction of a TLS flow. */
    public static final class DirectionStats {
        long records;
        long handshakeMessages;
        long applicationDataRecords;
        long applicationDataBytes;
        long encryptedHandshakeRecords;
        long alerts;
        long changeCipherSpecs;

        /** Records whose header was read (of any type). */
        public long records() {
            return records;
        }

        /** Clear-text handshake messages reassembled. */
        public long handshakeMessages() {
            return handshakeMessages;
        }

        /** Application data records (content type 23, which in TLS 1.3 also carries the encrypted handshake). */
        public long applicationDataRecords() {
            return applicationDataRecords;
        }

        /** Body bytes of application data records (record headers excluded), counted as they arrive. */
        public long applicationDataBytes() {
            return applicationDataBytes;
        }

        /** Handshake records after ChangeCipherSpec (TLS 1.2 Finished and renegotiation), not parsed. */
        public long encryptedHandshakeRecords() {
            return encryptedHandshakeRecords;
        }

        /** Alert records. */
        public long alerts() {
            return alerts;
        }

        /** ChangeCipherSpec records. */
        public long changeCipherSpecs() {
            return changeCipherSpecs;
        }
    }
}
