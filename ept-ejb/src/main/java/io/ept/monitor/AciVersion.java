package io.ept.monitor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ACI versions such as {@code 5.2(7g)} or {@code 14.2(7f)} (switch images are numbered 10 above the APIC). */
final class AciVersion {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\((\\d+)([a-z]*)\\)");

    private AciVersion() {
    }

    static int major(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return Integer.MAX_VALUE; // unknown format: do not restrict anything
        }
        int major = Integer.parseInt(m.group(1));
        return major >= 11 ? major - 10 : major;
    }

    static int compare(String a, String b) {
        Matcher ma = VERSION.matcher(a);
        Matcher mb = VERSION.matcher(b);
        if (!ma.find() || !mb.find()) {
            return 0;
        }
        for (int group = 1; group <= 3; group++) {
            int va = Integer.parseInt(ma.group(group));
            int vb = Integer.parseInt(mb.group(group));
            if (group == 1) {
                va = va >= 11 ? va - 10 : va;
                vb = vb >= 11 ? vb - 10 : vb;
            }
            if (va != vb) {
                return Integer.compare(va, vb);
            }
        }
        return ma.group(4).compareTo(mb.group(4));
    }
}
