package org.phonehome.policy;

/**
 * One contact with a destination: a flow from its first to its last packet.
 *
 * @param startNanos capture time of its first packet (nanoseconds since the epoch)
 * @param endNanos   capture time of its last packet; at least {@code startNanos}
 */
public record Contact(long startNanos, long endNanos) {
    public Contact {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("a contact cannot end (" + endNanos + ") before it starts ("
                    + startNanos + ")");
        }
    }

    /** A contact known only by its start (a flow start time). */
    public static Contact at(long startNanos) {
        return new Contact(startNanos, startNanos);
    }
}
