package org.phonehome;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import org.phonehome.flow.FlowAssignment;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.FlowShard;
import org.phonehome.flow.FlowTable;
import org.phonehome.net.TransportPacket;
import org.phonehome.proto.tls.decrypt.KeyLog;

/**
 * Runs the first {@link AuditWorker} on the reading thread and each other one on a thread of its own. The reader
 * hands every frame to the first worker at once, and gathers the frames into batches that go, read-only, to every
 * other worker's bounded queue at once, so the reader never runs more than {@link #QUEUED_BATCHES} batches ahead
 * and no worker can wait for a frame that another worker's queue holds back. A new flow goes to the worker with
 * the fewest batches waiting, and to the first worker (the reader) when every other one has
 * {@link #BEHIND_BATCHES} or more ({@link FlowAssignment}). N threads for N workers: a reader beside two workers
 * made three busy threads on two cores, and handing every frame over cost the third its share.
 */
final class WorkerThreads implements AuditReader.FrameSink {

    /**
     * Frames per batch: enough to make handing a batch over cheap, few enough to keep the workers close. The frames
     * in flight outlive a young collection: at 1,024 a batch, about 10 MB of them were copied at every collection
     * and promoted early (the survivor space is smaller); at 256, a quarter, and the collector's pauses halved.
     */
    static final int BATCH_FRAMES = 256;
    /**
     * Batches a worker may have waiting: bounds the frames in flight (and their memory) at 24 x 256, enough to
     * absorb the lumps of a worker's work (a message's body is inflated and scanned at its last segment) without
     * the reader taking flows ({@link #BEHIND_BATCHES}).
     */
    static final int QUEUED_BATCHES = 24;
    /**
     * Batches waiting in every other worker's queue for new flows to go to the reader's worker instead. The reader
     * already reads and decodes every frame: it takes flows only while the others lag, and a flow it takes stays
     * with it. Half the queue: a worker's work comes in lumps (a body inflated and scanned at its last segment),
     * and at three of eight the reader took new flows whenever a lump held the other back for a moment, whose
     * queue then ran empty in turn (on mixed 1 GB it waited for batches while the reader never waited; cleartext
     * 500 MB: the reader took 45 % of the payload bytes, the other waited 28 % of its time). At 12 of 24 the other
     * worker's queue stays near 12, so it never runs dry, and the reader takes the rest. Against 3 of 8 (paired
     * runs): mixed 1 GB 0.966 of the wall time, cleartext 500 MB 0.963, manyflows 500 MB 1.014; 16 of 32 gave
     * mixed the same, manyflows 1.03 (frames further behind the reader are colder), 8 of 16 mixed 0.975 to 0.986.
     */
    static final int BEHIND_BATCHES = 12;

    private static final byte FRAME = 0;
    private static final byte HOUSEKEEPING = 1;
    private static final byte SECRETS = 2;

    /** Frames in capture order; shared by every worker once handed over, never changed after. */
    private static final class Batch {
        final byte[] kinds = new byte[BATCH_FRAMES];
        final long[] frames = new long[BATCH_FRAMES];
        final long[] times = new long[BATCH_FRAMES];
        final Object[] items = new Object[BATCH_FRAMES];
        /** The worker (0-255) whose flow a frame is of ({@link FlowAssignment}), worked out once here. */
        final byte[] owners = new byte[BATCH_FRAMES];
        /**
         * Whether a frame's packet enters a flow table ({@link FlowTable#admits}), so that the other workers move
         * their clocks to its time ({@link #times}) without reading the packet itself.
         */
        final boolean[] admitted = new boolean[BATCH_FRAMES];
        int size;
    }

    private static final Batch END = new Batch();

    private final AuditWorker[] workers;
    /** The worker on the reading thread. */
    private final AuditWorker first;
    private final FlowAssignment assignment;
    /** The queue of worker {@code i} at {@code i}; none for the first worker. */
    private final List<BlockingQueue<Batch>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Throwable[] failures;
    /**
     * At {@code i}: every frame numbered below it has been handled by worker {@code i} (0 for the first, which
     * handles each frame as it is handed over); written once a batch.
     */
    private final AtomicLongArray handledBelow;
    private Batch current = new Batch();
    /**
     * Where new flows go while the batch being filled was begun: the worker with the fewest batches waiting, or
     * the first when every other is {@link #BEHIND_BATCHES} behind. Looked at once a batch, not once a flow.
     */
    private int target;

    /**
     * Workers whose flow tables run with {@code flowConfig}; {@code chooser} picks new flows' workers, or null for
     * the worker least behind ({@link #leastBehind}).
     */
    WorkerThreads(AuditWorker[] workers, FlowConfig flowConfig, FlowAssignment.Chooser chooser) {
        this.workers = workers;
        this.first = workers[0];
        this.assignment = new FlowAssignment(flowConfig, workers.length,
                chooser != null ? chooser : hashed -> target);
        this.failures = new Throwable[workers.length];
        this.handledBelow = new AtomicLongArray(workers.length);
        queues.add(null);
        for (int i = 1; i < workers.length; i++) {
            BlockingQueue<Batch> q = new ArrayBlockingQueue<>(QUEUED_BATCHES);
            queues.add(q);
            int index = i;
            Thread t = new Thread(() -> drain(index, q), "phonehome-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        target = leastBehind();
    }

    @Override
    public void frame(long frameNumber, TransportPacket packet) {
        Batch b = current;
        boolean admitted = FlowTable.admits(packet);
        // A packet no table admits is only counted, by any one worker.
        int owner = admitted ? assignment.workerOf(packet) : FlowShard.workerOf(packet, workers.length);
        long time = admitted ? packet.timestampNanos() : 0;
        if (owner == 0) {
            first.ownFrame(frameNumber, packet);
        } else {
            first.otherFrame(frameNumber, time, admitted);
        }
        b.owners[b.size] = (byte) owner;
        b.admitted[b.size] = admitted;
        add(FRAME, frameNumber, time, packet);
    }

    @Override
    public long handledBelow() {
        long below = Long.MAX_VALUE;
        for (int i = 1; i < workers.length; i++) {
            below = Math.min(below, handledBelow.get(i));
        }
        return below;
    }

    @Override
    public void housekeeping(long frameNumber, long nowNanos) {
        assignment.advance(nowNanos);
        first.housekeeping(frameNumber, nowNanos);
        add(HOUSEKEEPING, frameNumber, nowNanos, null);
    }

    @Override
    public void secrets(long frameNumber, KeyLog keys) {
        first.secrets(frameNumber, keys);
        add(SECRETS, frameNumber, 0, keys);
    }

    private void add(byte kind, long frame, long time, Object item) {
        Batch b = current;
        b.kinds[b.size] = kind;
        b.frames[b.size] = frame;
        b.times[b.size] = time;
        b.items[b.size] = item;
        if (++b.size == BATCH_FRAMES) {
            handOver(b);
            current = new Batch();
            target = leastBehind();
            // What the workers no longer hold, so that their entries go before their timeouts (AssignmentReleases).
            for (AuditWorker w : workers) {
                if (w.releases() != null) {
                    w.releases().drainTo(assignment);
                }
            }
        }
    }

    /**
     * The worker with the fewest batches waiting, or the first (the reader's) when every other has
     * {@link #BEHIND_BATCHES} or more.
     */
    private int leastBehind() {
        int best = 0;
        int bestWaiting = BEHIND_BATCHES;
        for (int i = 1; i < workers.length; i++) {
            int waiting = queues.get(i).size();
            if (waiting < bestWaiting) {
                best = i;
                bestWaiting = waiting;
            }
        }
        return best;
    }

    /**
     * Hands over the last frames, lets each worker end its flows, and waits for them; the first failure of a
     * worker is thrown (an I/O error as such, anything else as it was).
     */
    void finish() throws InterruptedIOException {
        handOver(current);
        handOver(END);
        try {
            first.finish();
        } catch (RuntimeException | Error e) {
            abandon();
            throw e;
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the workers");
            }
        }
        for (Throwable f : failures) {
            if (f instanceof RuntimeException r) {
                throw r;
            } else if (f instanceof Error e) {
                throw e;
            }
        }
    }

    /** Stops the workers after a failure of the reader: they end without finishing their flows. */
    void abandon() {
        first.done();
        threads.forEach(Thread::interrupt);
    }

    private void handOver(Batch b) {
        for (int i = 1; i < queues.size(); i++) {
            try {
                BlockingQueue<Batch> q = queues.get(i);
                q.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing frames to the workers", e);
            }
        }
    }

    private void drain(int index, BlockingQueue<Batch> queue) {
        AuditWorker w = workers[index];
        try {
            while (true) {
                Batch b = queue.take();
                if (b == END) {
                    break;
                }
                if (failures[index] == null) {
                    try {
                        feed(w, index, b);
                        if (b.size > 0) {
                            handledBelow.set(index, b.frames[b.size - 1] + 1);
                        }
                    } catch (RuntimeException | Error e) {
                        failures[index] = e;
                        w.done(); // adds no more names: nobody may wait for it
                    }
                }
            }
            if (failures[index] == null) {
                w.finish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failures[index] = e;
        } finally {
            w.done();
        }
    }

    private static void feed(AuditWorker w, int index, Batch b) {
        for (int i = 0; i < b.size; i++) {
            switch (b.kinds[i]) {
                case FRAME -> {
                    if ((b.owners[i] & 0xff) == index) {
                        w.ownFrame(b.frames[i], (TransportPacket) b.items[i]);
                    } else {
                        w.otherFrame(b.frames[i], b.times[i], b.admitted[i]);
                    }
                }
                case HOUSEKEEPING -> w.housekeeping(b.frames[i], b.times[i]);
                default -> w.secrets(b.frames[i], (KeyLog) b.items[i]);
            }
        }
    }
}
