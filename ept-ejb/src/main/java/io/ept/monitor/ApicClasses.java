package io.ept.monitor;

import java.util.List;

/** The APIC classes the fabric monitor reads and subscribes to (ept-reference 7.1, 7.2). */
public final class ApicClasses {

    /** vPC domain, node and pairing classes with their own handlers (hard or soft restart). */
    public static final List<String> SLOW = List.of("fabricProtPol", "fabricAutoGEp", "fabricExplicitGEp", "fabricNode");

    /** Configuration objects mirrored into mo.* and the lookup tables, in build order. */
    public static final List<String> CONFIG = List.of("fvCtx", "l3extRsEctx", "l3extOut", "l3extExtEncapAllocator",
            "l3extInstP", "fvBD", "fvSvcBD", "fvRsBd", "vnsRsEPpInfoToBD", "vnsRsLIfCtxToBD", "vnsLIfCtx",
            "mgmtRsMgmtBD", "mgmtInB", "fvAEPg", "vnsEPpInfo", "fvSubnet", "fvIpAttr", "pcAggrIf", "pcRsMbrIfs",
            "tunnelIf", "vpcRsVpcConf", "datetimeFormat");

    /** Endpoint Security Groups: not in the original's list; needed so ESG pcTags are not taken for unknown EPGs. */
    public static final List<String> OPTIONAL_CONFIG = List.of("fvESg");

    /** Endpoint classes, built in this order (rewrite first, so IPs find their MAC). */
    public static final List<String> EPM = List.of("epmRsMacEpToIpEpAtt", "epmIpEp", "epmMacEp");

    /** Read at start-up only. */
    public static final List<String> NODE_DETAILS = List.of("topSystem", "firmwareRunning", "firmwareCtrlrRunning");

    private ApicClasses() {
    }

    /** Stable paging order: endpoints by address so one endpoint's records arrive together. */
    public static String orderBy(String className) {
        return className + (EPM.contains(className) && !"epmRsMacEpToIpEpAtt".equals(className) ? ".addr" : ".dn");
    }
}
