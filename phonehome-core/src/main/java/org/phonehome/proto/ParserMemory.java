package org.phonehome.proto;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the protocol parsers of one worker may hold of the messages they are reading, out of a bound all workers of
 * an audit share: the kept headers and body bytes of unfinished HTTP/1.x and HTTP/2 messages, client bytes held
 * until a CONNECT is answered, the bytes of raw streams not yet cut into a message, TLS handshake messages and QUIC
 * CRYPTO streams past 2 KB, DNS messages over TCP past 512 bytes. Each message is bounded on its own ({@link
 * org.phonehome.proto.http.HttpLimits}, {@link RawStream#MESSAGE_BYTES}), but a capture of many connections that
 * each leave a large message unfinished would hold that many times over and run the heap out. Past this bound an
 * HTTP message keeps no more ({@code http_memory_full}, {@code http2_memory_full}), a raw stream's message ends early
 * ({@code raw_memory_full}), a TLS direction stops ({@code tls_memory_full}) and a QUIC hello or DNS message is
 * skipped ({@code quic_memory_full}, {@code dns_memory_full}); the room comes back when a message is complete, cut
 * or dropped. Suricata bounds its parsers the same way ({@code app-layer.protocols.http.memcap}).
 *
 * <p>Not thread-safe: one per worker ({@link #sibling()} for the others). Room moves between a worker and the shared
 * pool in chunks (one atomic step per chunk, not per header), so the workers together may hold up to two chunks
 * each more than they use.
 */
public final class ParserMemory {

    /** By default the messages under way may hold an eighth of the heap. */
    public static final int DEFAULT_HEAP_FRACTION = 8;
    /** The most the heap-based default is: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** Room taken from the shared pool at once, and kept unused by a worker before it gives some back. */
    static final long CHUNK = 256 * 1024;

    private final AtomicLong pool;
    /** Room this worker took from the pool and holds unused. */
    private long unused;

    /** A bound of {@code maxBytes} held together, for the first worker. */
    public ParserMemory(long maxBytes) {
        this(new AtomicLong(checked(maxBytes)));
    }

    private ParserMemory(AtomicLong pool) {
        this.pool = pool;
    }

    private static long checked(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("parser memory: " + maxBytes);
        }
        return maxBytes;
    }

    /** Another worker's share of the same bound. */
    public ParserMemory sibling() {
        return new ParserMemory(pool);
    }

    /** What the messages under way may hold in a heap of {@code maxHeapBytes}: an eighth, at most 1 GiB. */
    public static long bytesFor(long maxHeapBytes) {
        return Math.min(DEFAULT_MAX_BYTES, maxHeapBytes / DEFAULT_HEAP_FRACTION);
    }

    /** A bound for parsers used on their own (tests, tools): what this JVM's heap affords. */
    public static ParserMemory forHeap() {
        return new ParserMemory(bytesFor(Runtime.getRuntime().maxMemory()));
    }

    /** Takes room for {@code n} bytes; false, taking nothing, when the messages under way hold the bound. */
    public boolean take(long n) {
        if (n <= unused) {
            unused -= n;
            return true;
        }
        long need = n - unused;
        long grab = Math.max(need, CHUNK);
        if (pool.addAndGet(-grab) < 0) {
            pool.addAndGet(grab);
            grab = need;
            if (pool.addAndGet(-grab) < 0) {
                pool.addAndGet(grab);
                return false;
            }
        }
        unused += grab - n;
        return true;
    }

    /** Gives back the room of {@code n} bytes a message no longer holds. */
    public void giveBack(long n) {
        unused += n;
        if (unused > 2 * CHUNK) {
            pool.addAndGet(unused - CHUNK);
            unused = CHUNK;
        }
    }

    /** Room this worker holds unused (tests). */
    long unused() {
        return unused;
    }

    /** Room left to this worker: the shared pool and what it holds unused (the bound when nothing is held). */
    public long left() {
        return pool.get() + unused;
    }
}
