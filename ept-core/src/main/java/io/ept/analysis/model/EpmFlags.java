package io.ept.analysis.model;

/** epm flag and tunnel type values the analysis looks at. */
public final class EpmFlags {
    public static final String LOCAL = "local";
    public static final String VPC_ATTACHED = "vpc-attached";
    public static final String PEER_ATTACHED = "peer-attached";
    public static final String PEER_ATTACHED_RL = "peer-attached-rl";
    public static final String CACHED = "cached";
    public static final String VTEP = "vtep";
    public static final String LOOPBACK = "loopback";
    public static final String SVI = "svi";
    public static final String PSVI = "psvi";
    public static final String STATIC = "static";
    public static final String BOUNCE = "bounce";
    public static final String BOUNCE_TO_PROXY = "bounce-to-proxy";

    /** Substrings of tunnelIf type excluded from stale analysis (spine proxy, multipod/multisite DCI). */
    public static final String TUNNEL_PROXY = "proxy";
    public static final String TUNNEL_DCI = "dci";

    /** tunnelIf tType of a tunnel to a virtual leaf (AVS/AVE): local learns on it are VLs. */
    public static final String TUNNEL_ENCAP_VXLAN = "vxlan";

    private EpmFlags() {
    }
}
