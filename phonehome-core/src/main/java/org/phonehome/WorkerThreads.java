package org.phonehome;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.phonehome.flow.FlowAssignment;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.FlowShard;
import org.phonehome.flow.FlowTable;
import org.phonehome.net.TransportPacket;
import org.phonehome.proto.tls.decrypt.KeyLog;

/**
 * Runs each {@link AuditWorker} on a thread of its own and feeds them all the same frames: the reader's frames are
 * gathered into batches, and each batch goes, read-only, to every worker's bounded queue at once, so the reader
 * never runs more than {@link #QUEUED_BATCHES} batches ahead and no worker can wait for a frame that another
 * worker's queue holds back. A new flow goes to the worker furthest ahead ({@link FlowAssignment}): a worker busy
 * with a burst of its flows holds the reader back, and new flows (most are short: DNS exchanges) keep the other
 * one busy meanwhile.
 */
final class WorkerThreads implements AuditReader.FrameSink {

    /**
     * Frames per batch: enough to make handing a batch over cheap, few enough to keep the workers close. The frames
     * in flight outlive a young collection: at 1,024 a batch, about 10 MB of them were copied at every collection
     * and promoted early (the survivor space is smaller); at 256, a quarter, and the collector's pauses halved.
     */
    static final int BATCH_FRAMES = 256;
    /** Batches a worker may have waiting: bounds the frames in flight (and their memory) at 8 x 256. */
    static final int QUEUED_BATCHES = 8;
    /**
     * How far ahead of the others a worker must be for new flows to go to it: half a queue. With less, workers
     * that keep pace share new flows by hash (four batches against one: manyflows 0.955 of the time, mixed 0.991).
     */
    static final int AHEAD_FRAMES = QUEUED_BATCHES / 2 * BATCH_FRAMES;

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
    private final FlowAssignment assignment;
    private final List<BlockingQueue<Batch>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Throwable[] failures;
    private Batch current = new Batch();
    /**
     * The worker {@link #AHEAD_FRAMES} or more ahead of every other when the batch being filled was begun, or -1:
     * new flows go there. Looked at once a batch, not once a flow: the workers' progress is written by other cores.
     */
    private int ahead = -1;

    /**
     * Workers whose flow tables run with {@code flowConfig}; {@code chooser} picks new flows' workers, or null for
     * the worker furthest ahead.
     */
    WorkerThreads(AuditWorker[] workers, FlowConfig flowConfig, FlowAssignment.Chooser chooser) {
        this.workers = workers;
        this.assignment = new FlowAssignment(flowConfig, workers.length,
                chooser != null ? chooser : hashed -> ahead >= 0 ? ahead : hashed);
        this.failures = new Throwable[workers.length];
        for (int i = 0; i < workers.length; i++) {
            BlockingQueue<Batch> q = new ArrayBlockingQueue<>(QUEUED_BATCHES);
            queues.add(q);
            int index = i;
            Thread t = new Thread(() -> drain(index, q), "phonehome-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    @Override
    public void frame(long frameNumber, TransportPacket packet) {
        Batch b = current;
        boolean admitted = FlowTable.admits(packet);
        // A packet no table admits is only counted, by any one worker.
        b.owners[b.size] = (byte) (admitted ? assignment.workerOf(packet)
                : FlowShard.workerOf(packet, workers.length));
        b.admitted[b.size] = admitted;
        add(FRAME, frameNumber, admitted ? packet.timestampNanos() : 0, packet);
    }

    @Override
    public void housekeeping(long frameNumber, long nowNanos) {
        assignment.advance(nowNanos);
        add(HOUSEKEEPING, frameNumber, nowNanos, null);
    }

    @Override
    public void secrets(long frameNumber, KeyLog keys) {
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
            ahead = furthestAhead();
        }
    }

    /** The worker that has handled {@link #AHEAD_FRAMES} more frames than every other, or -1 when there is none. */
    private int furthestAhead() {
        if (workers.length < 2) {
            return -1;
        }
        int best = 0;
        long bestDone = workers[0].framesDone();
        long second = Long.MIN_VALUE;
        for (int i = 1; i < workers.length; i++) {
            long done = workers[i].framesDone();
            if (done > bestDone) {
                second = bestDone;
                best = i;
                bestDone = done;
            } else {
                second = Math.max(second, done);
            }
        }
        return bestDone - second >= AHEAD_FRAMES ? best : -1;
    }

    /**
     * Hands over the last frames, lets each worker end its flows, and waits for them; the first failure of a
     * worker is thrown (an I/O error as such, anything else as it was).
     */
    void finish() throws InterruptedIOException {
        handOver(current);
        handOver(END);
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
        threads.forEach(Thread::interrupt);
    }

    private void handOver(Batch b) {
        for (BlockingQueue<Batch> q : queues) {
            try {
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
