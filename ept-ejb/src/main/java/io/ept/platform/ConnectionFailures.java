package io.ept.platform;

import com.mongodb.MongoException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Tells a dependency that cannot be reached (MongoDB, Redis) from a failure of the work or request itself. */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** Whether {@code failure} or one of its causes is a lost or refused connection to MongoDB or Redis. */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JedisConnectionException || t instanceof MongoException mongo && isConnectionProblem(mongo)
                    || t instanceof java.net.ConnectException || t instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
    }

    /** "redis" or "mongodb" for a connection failure, else null. */
    public static String dependency(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JedisConnectionException) {
                return "redis";
            }
            if (t instanceof MongoException mongo && isConnectionProblem(mongo)) {
                return "mongodb";
            }
        }
        return null;
    }

    private static boolean isConnectionProblem(MongoException e) {
        return e instanceof com.mongodb.MongoSocketException || e instanceof com.mongodb.MongoTimeoutException
                || e instanceof com.mongodb.MongoNotPrimaryException || e instanceof com.mongodb.MongoNodeIsRecoveringException;
    }
}
