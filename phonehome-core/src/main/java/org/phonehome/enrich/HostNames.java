package org.phonehome.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import org.phonehome.net.IpAddress;

/**
 * IP address to host name, from the DNS answers the device received, respecting time: a name counts for a
 * connection only when its answer was seen before the connection started.
 *
 * <p>The name kept is the one the device asked for (the question), not the CDN name a CNAME chain ends in: that is
 * the service the device wanted. Bounded: at most {@link #MAX_ADDRESSES} addresses, least recently answered
 * dropped first, and {@link #NAMES_PER_ADDRESS} names per address.
 */
public final class HostNames {

    /** A day of a phone's traffic resolves a few thousand addresses; a million is a DNS flood, not a phone. */
    public static final int MAX_ADDRESSES = 1_000_000;
    /** CDN addresses serve many names; the latest few before a connection are what matters. */
    public static final int NAMES_PER_ADDRESS = 8;

    private final Map<IpAddress, Answer[]> byAddress = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<IpAddress, Answer[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** One name answered for an address at a time. */
    private record Answer(String name, long timeNanos) {
    }

    /** Records that {@code name} resolved to {@code address} in an answer seen at {@code timeNanos}. */
    public void answer(String name, IpAddress address, long timeNanos) {
        String n = normalize(name);
        if (n == null) {
            return;
        }
        Answer[] answers = byAddress.get(address);
        if (answers == null) {
            byAddress.put(address, new Answer[] {new Answer(n, timeNanos)});
            return;
        }
        for (int i = 0; i < answers.length; i++) {
            if (answers[i].name.equals(n)) {
                answers[i] = new Answer(n, Math.min(answers[i].timeNanos, timeNanos));
                return;
            }
        }
        Answer[] grown;
        if (answers.length < NAMES_PER_ADDRESS) {
            grown = java.util.Arrays.copyOf(answers, answers.length + 1);
        } else {
            grown = java.util.Arrays.copyOfRange(answers, 1, answers.length + 1);
        }
        grown[grown.length - 1] = new Answer(n, timeNanos);
        byAddress.put(address, grown);
    }

    /** The name most recently answered for {@code address} at or before {@code timeNanos}, or null. */
    public String nameAt(IpAddress address, long timeNanos) {
        Answer[] answers = byAddress.get(address);
        if (answers == null) {
            return null;
        }
        Answer best = null;
        for (Answer a : answers) {
            if (a.timeNanos <= timeNanos && (best == null || a.timeNanos >= best.timeNanos)) {
                best = a;
            }
        }
        return best == null ? null : best.name;
    }

    /** Lower case, without a trailing dot; null for the root or an empty name. */
    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.isEmpty() || n.equals("<root>") ? null : n;
    }
}
