package io.ept.platform;

import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import jakarta.ejb.EJBTransactionRolledbackException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionFailuresTest {

    @Test
    void anUnreachableRedisOrMongoIsFoundBehindTheContainersWrappers() {
        var redis = new EJBTransactionRolledbackException("rolled back",
                new IllegalStateException("store", new JedisConnectionException("Failed to connect to 127.0.0.1:6379.")));
        assertTrue(ConnectionFailures.isConnectionFailure(redis));
        assertEquals("redis", ConnectionFailures.dependency(redis));
        var mongo = new RuntimeException(new MongoTimeoutException("Timed out while waiting for a server"));
        assertTrue(ConnectionFailures.isConnectionFailure(mongo));
        assertEquals("mongodb", ConnectionFailures.dependency(mongo));
    }

    @Test
    void failuresOfTheWorkItselfAreNotConnectionFailures() {
        assertFalse(ConnectionFailures.isConnectionFailure(new IllegalArgumentException("bad body")));
        assertFalse(ConnectionFailures.isConnectionFailure(new JedisDataException("WRONGTYPE")));
        assertFalse(ConnectionFailures.isConnectionFailure(new RuntimeException(new MongoWriteException(
                new com.mongodb.WriteError(11000, "duplicate key", new org.bson.BsonDocument()), new com.mongodb.ServerAddress(), java.util.Set.of()))));
        assertNull(ConnectionFailures.dependency(new IllegalStateException("x")));
    }
}
