package io.ept.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReusedWriteBufferStoreTest {

    @TempDir
    Path dir;

    @Test
    void buffersStartAtTheLargestChunkAndAreReused() {
        ReusedWriteBufferStore store = new ReusedWriteBufferStore(new HashMap<>());
        WriteBuffer first = store.getWriteBuffer();
        first.put(new byte[6 * 1024 * 1024]); // a chunk larger than H2 keeps
        store.releaseWriteBuffer(first);
        assertTrue(store.bufferSize() >= 6 * 1024 * 1024, "size " + store.bufferSize());
        WriteBuffer second = store.getWriteBuffer();
        assertNotSame(first, second, "a grown buffer is not pooled: its clear() goes back to its first array");
        assertTrue(second.capacity() >= 6 * 1024 * 1024);
        second.put(new byte[5 * 1024 * 1024]);
        store.releaseWriteBuffer(second);
        WriteBuffer third = store.getWriteBuffer();
        assertSame(second, third);
        assertEquals(0, third.position());
        assertTrue(third.capacity() >= 6 * 1024 * 1024, "cleared without shrinking: " + third.capacity());
        third.put(new byte[12 * 1024 * 1024]); // a pooled buffer outgrown: its first array is too small now
        store.releaseWriteBuffer(third);
        WriteBuffer fourth = store.getWriteBuffer();
        assertNotSame(third, fourth);
        assertTrue(fourth.capacity() >= 12 * 1024 * 1024, "starts at the largest chunk: " + fourth.capacity());
    }

    @Test
    void chunksLargerThanFourMegabytesAreWrittenAndReadBack() {
        Path file = dir.resolve("t.mv");
        try (MVStore store = StoreServer.open(file, 16, 1)) {
            MVMap<Integer, String> map = store.openMap("m");
            for (int i = 0; i < 60_000; i++) {
                map.put(i, "value " + i + " " + "x".repeat(100));
            }
            store.commit();
            for (int i = 0; i < 60_000; i += 2) {
                map.put(i, "changed " + i);
            }
        }
        try (MVStore again = StoreServer.open(file, 16, 1)) {
            MVMap<Integer, String> map = again.openMap("m");
            assertEquals(60_000, map.size());
            assertEquals("changed 0", map.get(0));
            assertEquals("value 59999 " + "x".repeat(100), map.get(59_999));
        }
    }
}
