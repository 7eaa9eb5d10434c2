package io.ept.sim.model;

import java.util.concurrent.ConcurrentHashMap;

/** Shares equal attribute strings (flags, interface names, timestamps...) so millions of records stay small. */
public final class Interner {
    private static final ConcurrentHashMap<String, String> POOL = new ConcurrentHashMap<>();

    private Interner() {}

    public static String intern(String s) {
        if (s == null || s.length() > 40) return s; // long values (dns) are unique anyway
        String prev = POOL.putIfAbsent(s, s);
        return prev == null ? s : prev;
    }
}
