package io.ept.domain;

import io.ept.endpoint.clear.ClearCommands;
import io.ept.endpoint.clear.ClearTarget;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShellWordsTest {

    /** A POSIX shell's reading of single-quoted words and bare words (no expansion), to check the quoting. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                cur.append(line, i + 1, end);
                i = end;
                in = true;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                cur.append(line, i + 1, end);
                i = end;
                in = true;
            } else if (c == ' ') {
                if (in) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    in = false;
                }
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (in) {
            out.add(cur.toString());
        }
        return out;
    }

    @Test
    void quotingRoundTrips() {
        for (String s : new String[]{"plain", "it's", "';id;echo '", "$(id) `id` \"x\" \\ ; | & > <", "''", ""}) {
            assertEquals(List.of(s), words(ShellWords.quote(s)), s);
        }
        assertEquals("'a'\"'\"'b'", ShellWords.quote("a'b"));
        assertThrows(InvalidValueException.class, () -> ShellWords.quote("a\nb"));
        assertThrows(InvalidValueException.class, () -> ShellWords.quote("a\rb"));
        assertThrows(InvalidValueException.class, () -> ShellWords.quote("a\u0000b"));
    }

    @Test
    void clearLinesAreQuotedAndCanonical() {
        assertEquals("vsh -c 'clear system internal epm endpoint key vrf tn1:v1 ip 10.1.2.12'",
                ClearCommands.clearIp("tn1:v1", "10.1.2.12", false));
        assertEquals("vsh -c 'clear system internal epm endpoint key vrf overlay-1 ipv6 2001:db8::1'",
                ClearCommands.clearIp("overlay-1", "2001:DB8:0::1", true));
        assertEquals("ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -b '10.0.0.1' 'admin@10.0.0.101'",
                ClearCommands.jump("10.0.0.1", "admin", "10.0.0.101"));
        assertEquals("moquery -c epmMacEp -f 'epm.MacEp.addr==\"00:50:56:01:BB:12\"' | egrep '^dn' | egrep 'vxlan-15007697'",
                ClearCommands.findMac("00:50:56:01:bb:12", 15007697));
        assertEquals("moquery -d 'topology/pod-1/node-101/sys/ctx-[vxlan-2916352]/bd-[vxlan-15007697]/vlan-[vlan-101]' | egrep '^id'",
                ClearCommands.parentId("topology/pod-1/node-101/sys/ctx-[vxlan-2916352]/bd-[vxlan-15007697]/vlan-[vlan-101]"));
        assertEquals("vsh -c 'clear system internal epm endpoint key vlan 23 mac 00:50:56:01:BB:12'",
                ClearCommands.clearMac("23", "00:50:56:01:bb:12"));
    }

    @Test
    void hostileValuesBuildNoLine() {
        assertThrows(InvalidValueException.class, () -> ClearCommands.clearIp("tn1:v1", "10.1.2.12';id;echo '", false));
        assertThrows(InvalidValueException.class, () -> ClearCommands.clearIp("tn1:v1", "10.1.2.12", true), "v4 as v6");
        assertThrows(InvalidValueException.class, () -> ClearCommands.clearIp("tn1:v1'; reboot; '", "10.1.2.12", false));
        assertThrows(InvalidValueException.class, () -> ClearCommands.clearIp("tn1:$(id)", "10.1.2.12", false));
        assertThrows(InvalidValueException.class, () -> ClearCommands.clearIp("a".repeat(65) + ":v", "10.1.2.12", false));
        assertThrows(InvalidValueException.class, () -> ClearCommands.jump("10.0.0.1;id", "admin", "10.0.0.101"));
        assertThrows(InvalidValueException.class, () -> ClearCommands.jump("10.0.0.1", "admin", "leaf101"));
        assertThrows(InvalidValueException.class, () -> ClearCommands.jump("10.0.0.1", "ad min", "10.0.0.101"));
        assertThrows(InvalidValueException.class, () -> ClearCommands.jump("10.0.0.1", "x'y", "10.0.0.101"));
        assertThrows(InvalidValueException.class, () -> ClearCommands.parentId("sys/ctx-[x]'; id; '"));
        assertThrows(InvalidValueException.class, () -> ClearCommands.clearMac("23;id", "00:50:56:01:bb:12"));
        assertThrows(InvalidValueException.class, () -> ClearCommands.findMac("10.1.2.12", 1));
        assertThrows(InvalidValueException.class, () -> ClearCommands.findMac("00:50:56:01:bb:12", -1));
    }

    @Test
    void clearTargetsAreChecked() {
        ClearTarget t = new ClearTarget(101, "10.0.0.101", "2001:DB8::1", true, true, "tn1:v1", 0);
        assertEquals("2001:db8::1", t.addr());
        assertThrows(InvalidValueException.class, () -> new ClearTarget(101, "10.0.0.101;id", "10.1.2.12", true, false, "tn1:v1", 0));
        assertThrows(InvalidValueException.class, () -> new ClearTarget(101, "10.0.0.101", "10.1.2.12", true, false, "tn 1:v1", 0));
        assertThrows(InvalidValueException.class, () -> new ClearTarget(99, "10.0.0.101", "10.1.2.12", true, false, "tn1:v1", 0));
        assertThrows(InvalidValueException.class, () -> new ClearTarget(101, "10.0.0.101", "10.1.2.12", false, false, "", 5));
        assertThrows(InvalidValueException.class, () -> new ClearTarget(101, "10.0.0.101", "00:50:56:01:BB:12", false, false, "", -5));
    }
}
