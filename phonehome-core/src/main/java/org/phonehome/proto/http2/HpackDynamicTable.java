package org.phonehome.proto.http2;

import java.util.ArrayDeque;
import java.util.Iterator;

/** The HPACK dynamic table (RFC 7541 section 4): newest first, evicting the oldest past its maximum size. */
final class HpackDynamicTable {
    private final ArrayDeque<Http2Header> entries = new ArrayDeque<>();
    private int size;
    private int maxSize;

    HpackDynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    /** Entries held. */
    int length() {
        return entries.size();
    }

    /** Sum of the entries' sizes. */
    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** Entry {@code i}, 0 = newest; null when out of range. */
    Http2Header get(int i) {
        if (i < 0 || i >= entries.size()) {
            return null;
        }
        Iterator<Http2Header> it = entries.iterator();
        for (int k = 0; k < i; k++) {
            it.next();
        }
        return it.next();
    }

    /** Adds an entry, evicting as needed; an entry larger than the table empties it (section 4.4). */
    void add(Http2Header h) {
        int s = h.hpackSize();
        evictTo(maxSize - s);
        if (s <= maxSize) {
            entries.addFirst(h);
            size += s;
        }
    }

    /** A dynamic table size update (section 4.3). */
    void resize(int newMax) {
        maxSize = newMax;
        evictTo(newMax);
    }

    private void evictTo(int target) {
        while (size > Math.max(target, 0) && !entries.isEmpty()) {
            size -= entries.removeLast().hpackSize();
        }
    }

    /** The entries newest first (for tests). */
    java.util.List<Http2Header> entries() {
        return java.util.List.copyOf(entries);
    }
}
