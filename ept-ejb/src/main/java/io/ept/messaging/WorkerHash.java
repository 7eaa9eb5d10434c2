package io.ept.messaging;

import io.ept.analysis.parse.IpAddresses;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * EPT 2.x's worker hash (ept-reference 1.5): {@code ((vnid << 128) + addr_int) XOR 1000003}, index = hash mod
 * worker count. EPT itself orders work by JMS message groups; this answers the compatibility route
 * {@code .../hash} so that scripts written for 2.x keep working.
 */
public final class WorkerHash {

    private static final BigInteger SALT = BigInteger.valueOf(1_000_003);

    private WorkerHash() {
    }

    public record Result(BigInteger hash, int workerIndex) {
    }

    public static Result of(int vnid, String addr, int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("worker_count must be 1 or more");
        }
        BigInteger hash = BigInteger.valueOf(vnid).shiftLeft(128).add(addressValue(addr)).xor(SALT);
        return new Result(hash, hash.mod(BigInteger.valueOf(workerCount)).intValue());
    }

    static BigInteger addressValue(String addr) {
        if (addr.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            return new BigInteger(addr.replace(":", ""), 16);
        }
        byte[] ip = IpAddresses.parse(addr);
        if (ip != null) {
            return new BigInteger(1, ip);
        }
        try {
            // unknown shapes hash by md5, as 2.x did
            return new BigInteger(1, MessageDigest.getInstance("MD5").digest(addr.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
