package org.phonehome.proto.tls.decrypt;

import java.util.EnumMap;
import java.util.Map;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;

/** What one {@link TlsDecryptor} counted: records and bytes per direction, and anomalies by name. */
public final class DecryptStats {
    private final Map<Direction, DirectionStats> byDirection = new EnumMap<>(Direction.class);
    private final Counters anomalies = new Counters();

    DecryptStats() {
        for (Direction d : Direction.values()) {
            byDirection.put(d, new DirectionStats());
        }
    }

    /** The counts of one direction. */
    public DirectionStats of(Direction direction) {
        return byDirection.get(direction);
    }

    /** Anomalies by name ({@code tls_no_keys} and {@code tls_decrypt_failed} once per record). */
    public Counters anomalies() {
        return anomalies;
    }

    /** Counts of one direction. */
    public static final class DirectionStats {
        long recordsDecrypted;
        long recordsWithoutKeys;
        long recordsFailed;
        long bytesDecrypted;
        long applicationBytes;
        long openedRecordBytes;

        /** Records whose protection was removed and verified. */
        public long recordsDecrypted() {
            return recordsDecrypted;
        }

        /** Encrypted records of a session the key log has no (usable) secret for. */
        public long recordsWithoutKeys() {
            return recordsWithoutKeys;
        }

        /** Records whose tag, MAC or padding did not verify. */
        public long recordsFailed() {
            return recordsFailed;
        }

        /** Plaintext bytes of every verified record (handshake, alert and application data). */
        public long bytesDecrypted() {
            return bytesDecrypted;
        }

        /**
         * Bytes of the application-data records (outer type 23) that were opened, as they were on the wire:
         * what the clear-text record walk counts as encrypted, so the two subtract.
         */
        public long openedRecordBytes() {
            return openedRecordBytes;
        }

        /** Plaintext bytes of application data passed to the sink. */
        public long applicationBytes() {
            return applicationBytes;
        }
    }
}
