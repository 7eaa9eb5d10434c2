package io.ept.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded redis-server process: restarted when it died, never after it was closed. */
class EmbeddedRedisTest {

    @Test
    void aDeadServerIsRestartedButAClosedOneStaysStopped(@TempDir Path dir) throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(dir.resolve("redis"), 0);
        try {
            long first = redis.pid();
            assertTrue(redis.alive());
            ProcessHandle process = ProcessHandle.of(first).orElseThrow();
            process.destroyForcibly();
            process.onExit().get();
            assertEquals(first, redis.restartIfDead(0), "restarted, returning the pid that died");
            assertTrue(redis.alive());
            assertEquals(1, redis.restarts());
        } finally {
            redis.close();
        }
        long last = redis.pid();
        assertFalse(ProcessHandle.of(last).map(ProcessHandle::isAlive).orElse(false));
        // a supervisor tick after the close (EPT shutting down) must not leave a server behind
        assertEquals(0, redis.restartIfDead(0));
        assertEquals(0, redis.restartIfDead(0));
        assertFalse(redis.alive());
        assertEquals(1, redis.restarts());
    }
}
