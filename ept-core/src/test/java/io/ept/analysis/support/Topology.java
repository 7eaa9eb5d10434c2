package io.ept.analysis.support;

import io.ept.analysis.lookup.Epg;
import io.ept.analysis.lookup.EpgKind;
import io.ept.analysis.lookup.FabricNode;
import io.ept.analysis.lookup.InMemoryFabricLookups;
import io.ept.analysis.lookup.Subnet;
import io.ept.analysis.lookup.Tunnel;
import io.ept.analysis.lookup.Vnid;
import io.ept.analysis.lookup.VpcNodeIds;

/**
 * Fixed topology modelled on the original's worker tests: leafs 101-104 (pod 1), vPC 101/102 (pseudo node
 * 0x650066, VIP 10.0.0.100), a full tunnel mesh plus tunnel100 to the VIP, proxy and DCI tunnels, VL tunnels
 * 901/902 to 10.0.0.90, port-channels/vPCs 384/385, tenant ag / vrf v1 / external bd0 / bd1-bd3 with v4+v6
 * subnets, EPGs e1-e4, an ESG and an external EPG.
 */
public final class Topology {
    public static final String FABRIC = "fab1";
    public static final int OVERLAY = 16777209;
    public static final int VRF = 2916352;
    public static final int BD0_EXT = 15400000;
    public static final int BD1 = 15007697;
    public static final int BD2 = 15007698;
    public static final int BD3 = 15007699;
    public static final int VPC_NODE = VpcNodeIds.pseudoNodeId(101, 102);
    public static final int E1 = 32769;
    public static final int E2 = 32770;
    public static final int E3 = 32771;
    /** EPG whose fvRsBd is unresolved (bd 0). */
    public static final int E4 = 32772;
    public static final int ESG = 49153;
    public static final int EXT_EPG = 16386;
    public static final int UNKNOWN_PCTAG = 55555;
    public static final String VRF_NAME = "uni/tn-ag/ctx-v1";
    public static final String BD1_NAME = "uni/tn-ag/BD-bd1";

    private Topology() {
    }

    public static InMemoryFabricLookups lookups() {
        InMemoryFabricLookups l = new InMemoryFabricLookups().overlayVnid(OVERLAY);
        l.addVpcPair(1, 101, "leaf-101", "10.0.0.101", 102, "leaf-102", "10.0.0.102", "10.0.0.100");
        l.addNode(new FabricNode(103, 1, "leaf-103", "leaf", "10.0.0.103", 0));
        l.addNode(new FabricNode(104, 1, "leaf-104", "leaf", "10.0.0.104", 0));
        int[] leafs = {101, 102, 103, 104};
        for (int src : leafs) {
            for (int dst : leafs) {
                if (src != dst) {
                    l.addTunnel(new Tunnel(src, "tunnel" + dst, "10.0.0." + dst, "10.0.0." + src, dst, "ivxlan",
                            "physical"));
                }
            }
            l.addTunnel(new Tunnel(src, "tunnel100", "10.0.0.100", "10.0.0." + src, VPC_NODE, "ivxlan", "physical"));
            l.addTunnel(new Tunnel(src, "tunnel9", "10.0.0.9", "10.0.0." + src, 0, "ivxlan", "proxy-acast-v4"));
            l.addTunnel(new Tunnel(src, "tunnel10", "10.100.0.1", "10.0.0." + src, 0, "ivxlan", "dci-unicast"));
            l.addTunnel(new Tunnel(src, "tunnel99", "10.0.0.99", "10.0.0." + src, 0, "ivxlan", "physical"));
        }
        l.addTunnel(new Tunnel(101, "tunnel901", "10.0.0.90", "10.0.0.101", 0, "vxlan", "virtual"));
        l.addTunnel(new Tunnel(102, "tunnel902", "10.0.0.90", "10.0.0.102", 0, "vxlan", "virtual"));
        // vpc 384 on po2 (101) / po3 (102), vpc 385 on po4 / po5; po1 a plain port-channel on 103
        l.addPc(101, "po2", "ag_vpc1").addPc(102, "po3", "ag_vpc1").addVpc(101, "po2", 384).addVpc(102, "po3", 384);
        l.addPc(101, "po4", "ag_vpc2").addPc(102, "po5", "ag_vpc2").addVpc(101, "po4", 385).addVpc(102, "po5", 385);
        l.addPc(103, "po1", "ag_pc1");
        l.addVnid(new Vnid(VRF_NAME, VRF, VRF, false, 0, ""));
        l.addVnid(new Vnid("uni/tn-infra/ctx-overlay-1", OVERLAY, OVERLAY, false, 0, ""));
        l.addVnid(new Vnid(BD1_NAME, BD1, VRF, false, 0, ""));
        l.addVnid(new Vnid("uni/tn-ag/BD-bd2", BD2, VRF, false, 0, ""));
        l.addVnid(new Vnid("uni/tn-ag/BD-bd3", BD3, VRF, false, 0, ""));
        l.addVnid(new Vnid("uni/tn-ag/out-out1/encap-[vlan-99]", BD0_EXT, VRF, true, 0, "vlan-99"));
        l.addSubnet(new Subnet("uni/tn-ag/BD-bd1/subnet-[10.1.1.1/24]", BD1, "10.1.1.1/24"));
        l.addSubnet(new Subnet("uni/tn-ag/BD-bd1/subnet-[2001:10:1:1::1/64]", BD1, "2001:10:1:1::1/64"));
        l.addSubnet(new Subnet("uni/tn-ag/BD-bd2/subnet-[10.1.2.1/24]", BD2, "10.1.2.1/24"));
        l.addSubnet(new Subnet("uni/tn-ag/BD-bd2/subnet-[2001:10:1:2::1/64]", BD2, "2001:10:1:2::1/64"));
        l.addSubnet(new Subnet("uni/tn-ag/ap-a1/epg-e3/subnet-[10.1.3.1/24]", BD3, "10.1.3.1/24"));
        l.addSubnet(new Subnet("uni/tn-ag/ap-a1/epg-e3/crtrn/ipattr-1", BD3, "2001:10:1:3::/64"));
        l.addEpg(new Epg("uni/tn-ag/ap-a1/epg-e1", VRF, E1, BD1, EpgKind.EPG, false));
        l.addEpg(new Epg("uni/tn-ag/ap-a1/epg-e2", VRF, E2, BD2, EpgKind.EPG, false));
        l.addEpg(new Epg("uni/tn-ag/ap-a1/epg-e3", VRF, E3, BD3, EpgKind.EPG, true));
        l.addEpg(new Epg("uni/tn-ag/ap-a1/epg-e4", VRF, E4, 0, EpgKind.EPG, false));
        l.addEpg(new Epg("uni/tn-ag/esg-s1", VRF, ESG, 0, EpgKind.ESG, false));
        l.addEpg(new Epg("uni/tn-ag/out-out1/instP-ext", VRF, EXT_EPG, 0, EpgKind.EXTERNAL, false));
        return l;
    }
}
