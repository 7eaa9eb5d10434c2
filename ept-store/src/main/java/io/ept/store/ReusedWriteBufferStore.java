package io.ept.store;

import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * H2's single-file store, reusing its chunk write buffers whatever their size. H2 keeps a write buffer only up to
 * 4 MB: every larger chunk got a new buffer grown from 1 MB in copying steps, which under EPT's event load was a
 * third of everything the JVM allocated (issue 16). Here a new buffer starts at the largest chunk seen so far (up to
 * {@value #LARGEST_KEPT_MB} MB) and is pooled (two: one filled while the other is written), so a steady load
 * allocates none.
 */
final class ReusedWriteBufferStore extends SingleFileStore {

    static final int LARGEST_KEPT_MB = 64;
    /** Buffers kept: one being serialised while the previous one is written is the steady state. */
    private static final int POOLED = 2;
    private static final int MB = 1024 * 1024;

    private final Queue<WriteBuffer> pool = new ArrayBlockingQueue<>(POOLED);
    private volatile int size = MB;

    ReusedWriteBufferStore(Map<String, Object> config) {
        super(config);
    }

    @Override
    public WriteBuffer getWriteBuffer() {
        for (WriteBuffer pooled = pool.poll(); pooled != null; pooled = pool.poll()) {
            if (pooled.capacity() >= size) {
                return pooled;
            }
        }
        return new WriteBuffer(size);
    }

    @Override
    public void releaseWriteBuffer(WriteBuffer buffer) {
        int used = buffer.capacity();
        if (used > size) {
            size = Math.min(LARGEST_KEPT_MB * MB, used);
        }
        // a buffer that grew goes back to its first array when cleared: pooled only if that is still large enough
        buffer.clear();
        if (buffer.capacity() >= size) {
            pool.offer(buffer);
        }
    }

    /** Bytes of the write buffers new chunks start with (for tests). */
    int bufferSize() {
        return size;
    }
}
