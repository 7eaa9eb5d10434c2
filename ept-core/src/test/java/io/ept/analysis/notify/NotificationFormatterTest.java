package io.ept.analysis.notify;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.MoveEvent;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.StaleEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotificationFormatterTest {
    static final int VPC = (101 << 16) + 102;

    @Test
    void move() {
        MoveEvent src = new MoveEvent(103, 1, 32769, "vlan-101", "eth1/1", "eth1/1", "00:00:40:01:01:01", 15007697,
                "uni/tn-ag/ap-a1/epg-e1", "uni/tn-ag/ctx-v1");
        MoveEvent dst = new MoveEvent(VPC, 2, 32770, "vlan-102", "vpc-384", "ag_vpc1", "00:00:40:01:01:01", 15007697,
                "uni/tn-ag/ap-a1/epg-e2", "uni/tn-ag/ctx-v1");
        NotificationFormatter.Text t = NotificationFormatter.move("fab1", 2916352, "10.1.1.101", EndpointType.IPV4,
                src, dst);
        assertEquals("move detected for 10.1.1.101", t.subject());
        assertEquals("move detected [fabric: fab1, uni/tn-ag/ctx-v1, addr: 10.1.1.101] from [node:103, "
                + "interface:eth1/1, encap:vlan-101, pctag:32769, epg:uni/tn-ag/ap-a1/epg-e1, mac:00:00:40:01:01:01] "
                + "to [node:(101,102), interface:ag_vpc1, encap:vlan-102, pctag:32770, epg:uni/tn-ag/ap-a1/epg-e2, "
                + "mac:00:00:40:01:01:01]", t.body());
        MoveEvent macSrc = new MoveEvent(103, 1, 32769, "vlan-101", "eth1/1", "eth1/1", "", 0, "e1", "");
        assertEquals("move detected [fabric: fab1, vnid:15007697, addr: 00:00:40:01:01:01] from [node:103, "
                + "interface:eth1/1, encap:vlan-101, pctag:32769, epg:e1] to [node:103, interface:eth1/1, "
                + "encap:vlan-101, pctag:32769, epg:e1]", NotificationFormatter.move("fab1", 15007697,
                "00:00:40:01:01:01", EndpointType.MAC, macSrc, macSrc).body());
    }

    @Test
    void staleAndOffsubnetRenderZeroAsDashAndVpcAsPair() {
        StaleEvent s = new StaleEvent(1, 0, VPC, 32769, "", "tunnel5", "tunnel5", List.of(), "e1", "uni/tn-ag/ctx-v1");
        NotificationFormatter.Text t = NotificationFormatter.stale("fab1", 2916352, "10.1.1.101", s);
        assertEquals("stale event for 10.1.1.101", t.subject());
        assertEquals("stale event [fabric: fab1, uni/tn-ag/ctx-v1, addr: 10.1.1.101] [interface:tunnel5, encap:, "
                + "pctag:32769, epg:e1, remote:-, expected:(101,102)]", t.body());
        OffsubnetEvent o = new OffsubnetEvent(1, 32769, "vlan-101", "eth1/1", "eth1/1", "", 0, 104, "e1", "");
        t = NotificationFormatter.offsubnet("fab1", 2916352, "10.1.2.101", o);
        assertEquals("offsubnet event for 10.1.2.101", t.subject());
        assertEquals("offsubnet event [fabric: fab1, vnid:2916352, addr: 10.1.2.101] [interface:eth1/1, "
                + "encap:vlan-101, pctag:32769, epg:e1, mac:-, remote:104]", t.body());
    }

    @Test
    void rapidClearAndTests() {
        NotificationFormatter.Text t = NotificationFormatter.rapid("fab1", 2916352, "uni/tn-ag/ctx-v1", "10.1.1.1",
                2500.5);
        assertEquals("rapid endpoint 10.1.1.1", t.subject());
        assertEquals("rapid endpoint detected [fabric: fab1, uni/tn-ag/ctx-v1, addr: 10.1.1.1] rate 2500.500", t.body());
        assertEquals("rapid endpoint detected [fabric: fab1, vnid:5, addr: a] rate 1.000",
                NotificationFormatter.rapid("fab1", 5, "", "a", 1).body());
        t = NotificationFormatter.autoClear("stale", "fab1", 1, "uni/tn-ag/ctx-v1", "10.1.1.1");
        assertEquals("auto-clear stale endpoint", t.subject());
        assertEquals("auto-clear stale endpoint [fabric: fab1, uni/tn-ag/ctx-v1, addr: 10.1.1.1]", t.body());
        t = NotificationFormatter.apiClear("fab1", 1, "uni/tn-ag/BD-bd1", "00:00:40:01:01:01");
        assertEquals("api clear endpoint", t.subject());
        assertEquals("api clear endpoint [fabric: fab1, uni/tn-ag/BD-bd1, addr: 00:00:40:01:01:01]", t.body());
        assertEquals("fab1 test email", NotificationFormatter.testEmail("fab1").subject());
        assertEquals("fab1 test syslog", NotificationFormatter.testSyslog("fab1").subject());
        assertEquals("%LOG_LOCAL7-6-EPT: x", NotificationFormatter.syslogLine("x"));
    }
}
