package io.ept.notify;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Mail exchanger of a domain with the lowest preference, via JNDI DNS, cached 60 s like the original. */
final class MxResolver {
    private static final long TTL_MILLIS = 60_000;

    private record Entry(String host, long expires) {
    }

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    String mailExchanger(String domain) throws NamingException {
        Entry e = cache.get(domain);
        long now = System.currentTimeMillis();
        if (e != null && e.expires > now) {
            return e.host;
        }
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        Attribute mx = new InitialDirContext(env).getAttributes(domain, new String[] {"MX"}).get("MX");
        String best = domain; // no MX record: the domain itself (RFC 5321 implicit MX)
        int bestPreference = Integer.MAX_VALUE;
        if (mx != null) {
            for (int i = 0; i < mx.size(); i++) {
                String[] parts = mx.get(i).toString().trim().split("\\s+");
                int preference = Integer.parseInt(parts[0]);
                if (parts.length > 1 && preference < bestPreference) {
                    bestPreference = preference;
                    best = parts[1].endsWith(".") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
                }
            }
        }
        cache.put(domain, new Entry(best, now + TTL_MILLIS));
        return best;
    }
}
