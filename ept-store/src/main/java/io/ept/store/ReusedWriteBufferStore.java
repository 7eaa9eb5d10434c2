package io.ept.store;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * H2's single-file store, reusing its chunk write buffers whatever their size. H2 keeps a write buffer only up to
 * 4 MB: every larger chunk got a new buffer grown from 1 MB in copying steps, which under EPT's event load was a
 * third of everything the JVM allocated (issue 16). Here a new buffer starts at the largest chunk seen so far (up to
 * {@value #LARGEST_KEPT_MB} MB) and is pooled, at most one per stage of H2's write pipeline, so a steady load
 * allocates none.
 */
final class ReusedWriteBufferStore extends SingleFileStore {

    static final int LARGEST_KEPT_MB = 64;
    private static final int MB = 1024 * 1024;

    private final Queue<WriteBuffer> pool = new ArrayBlockingQueue<>(FileStore.PIPE_LENGTH + 1);
    private volatile int size = MB;

    ReusedWriteBufferStore(Map<String, Object> config) {
        super(config);
    }

    @Override
    public WriteBuffer getWriteBuffer() {
        WriteBuffer buffer = pool.poll();
        if (buffer == null) {
            return new WriteBuffer(size);
        }
        buffer.clear();
        return buffer;
    }

    @Override
    public void releaseWriteBuffer(WriteBuffer buffer) {
        int capacity = buffer.capacity();
        if (capacity > size) {
            // it grew: its clear() would go back to its first, smaller array; later buffers start this large
            size = Math.min(LARGEST_KEPT_MB * MB, capacity);
            return;
        }
        pool.offer(buffer);
    }

    /** Bytes of the write buffers new chunks start with (for tests). */
    int bufferSize() {
        return size;
    }
}
