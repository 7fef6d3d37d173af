package org.phonehome.flow;

/**
 * Flows sharing one idle timeout, least recently active first: an intrusive doubly linked list, so moving a flow to
 * the end on each packet and finding the expired ones at the head are both O(1).
 */
final class IdleList {
    final long timeoutNanos;
    Flow head;
    private Flow tail;
    /**
     * The head's {@link Flow#lastNanos}, kept here: every frame asks whether the head has expired, and the least
     * recently active flow is the one least likely to be in the cache. A flow's time changes only just before it
     * moves to the end of a list, which sets this again when the head changes.
     */
    private long headLastNanos;

    IdleList(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Moves {@code f} (on any list or none) to the end of this one. */
    void moveToEnd(Flow f) {
        if (f.list != null) {
            f.list.remove(f);
        }
        f.list = this;
        f.prev = tail;
        if (tail == null) {
            head = f;
            headLastNanos = f.lastNanos;
        } else {
            tail.next = f;
        }
        tail = f;
    }

    void remove(Flow f) {
        if (f.prev == null) {
            head = f.next;
            headLastNanos = head == null ? 0 : head.lastNanos;
        } else {
            f.prev.next = f.next;
        }
        if (f.next == null) {
            tail = f.prev;
        } else {
            f.next.prev = f.prev;
        }
        f.prev = null;
        f.next = null;
        f.list = null;
    }

    /**
     * True when the first flow has been idle longer than the timeout at {@code now}. The clock never goes back, so
     * the difference is compared unsigned: exact even for timestamps centuries apart.
     */
    boolean headExpired(long now) {
        return head != null && Long.compareUnsigned(now - headLastNanos, timeoutNanos) > 0;
    }
}
