package io.ept.sim.model;

/** dn helpers aware of bracketed rn parts such as {@code tunnel-[tunnel5]} or {@code rsmbrIfs-[topology/...]}. */
public final class Dns {
    private Dns() {}

    /** Parent dn: everything before the last '/' that is not inside brackets ("" for a top-level rn). */
    public static String parentOf(String dn) {
        int depth = 0;
        for (int i = dn.length() - 1; i >= 0; i--) {
            char c = dn.charAt(i);
            if (c == ']') depth++;
            else if (c == '[') depth--;
            else if (c == '/' && depth == 0) return dn.substring(0, i);
        }
        return "";
    }

    /** Last rn of a dn. */
    public static String rnOf(String dn) {
        String p = parentOf(dn);
        return p.isEmpty() ? dn : dn.substring(p.length() + 1);
    }
}
