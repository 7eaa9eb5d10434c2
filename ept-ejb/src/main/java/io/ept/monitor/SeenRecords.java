package io.ept.monitor;

import java.util.Arrays;

/**
 * The (node, vnid, address) of every epm record a build read, as 64-bit hashes in a sorted array: 8 bytes a record
 * where a set of strings took over 100 (4.5M records of EPT's design-target fabric filled the default heap). A hash
 * collision can only hide one vanished endpoint from the rebuild's delete pass, with a probability of about
 * n^2 / 2^65.
 */
final class SeenRecords {

    private long[] hashes = new long[1024];
    private int size;
    private boolean sorted = true;

    void add(int node, int vnid, String addr) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = hash(node, vnid, addr);
        sorted = false;
    }

    boolean contains(int node, int vnid, String addr) {
        if (!sorted) {
            Arrays.sort(hashes, 0, size);
            sorted = true;
        }
        return Arrays.binarySearch(hashes, 0, size, hash(node, vnid, addr)) >= 0;
    }

    int size() {
        return size;
    }

    /** FNV-1a over node, vnid and the address characters. */
    static long hash(int node, int vnid, String addr) {
        long h = 0xcbf29ce484222325L;
        h = (h ^ node) * 0x100000001b3L;
        h = (h ^ vnid) * 0x100000001b3L;
        for (int i = 0; i < addr.length(); i++) {
            h = (h ^ addr.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
