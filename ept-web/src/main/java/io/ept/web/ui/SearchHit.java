package io.ept.web.ui;

import java.io.Serializable;

/** One endpoint found by the search: where it is and what it belongs to (from its first learn). */
public record SearchHit(String fabric, int vnid, String addr, String type, String encap, String vnidName,
                        String epgName, boolean active) implements Serializable {

    /** "fabric|vnid|addr": the value the search box submits. */
    public String key() {
        return fabric + "|" + vnid + "|" + addr;
    }

    public static SearchHit fromKey(String key) {
        String[] parts = key == null ? new String[0] : key.split("\\|", 3);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new SearchHit(parts[0], Integer.parseInt(parts[1]), parts[2], "", "", "", "", false);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String link() {
        return Formats.endpointLink(fabric, vnid, addr);
    }

    // EL reads bean properties, not record accessors
    public String getFabric() {
        return fabric;
    }

    public int getVnid() {
        return vnid;
    }

    public String getAddr() {
        return addr;
    }

    public String getType() {
        return type;
    }

    public String getEncap() {
        return encap;
    }

    public String getVnidName() {
        return vnidName;
    }

    public String getEpgName() {
        return epgName;
    }

    public boolean isActive() {
        return active;
    }

    public String getLink() {
        return link();
    }

    public String getLabel() {
        return addr + "  (" + fabric + ")";
    }
}
