package io.ept.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.sim.topology.Topology;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSH server as EPT's clear procedure uses it: APIC shell, hop to a leaf, vsh/moquery clears. */
class SshServerTest {
    static final String HOP = "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -b 10.0.0.1 admin@";
    static SshClient client;
    ApicSimulator sim;

    @BeforeAll
    static void client() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @AfterAll
    static void stopClient() { client.stop(); }

    @BeforeEach
    void start() {
        sim = ApicSimulator.builder().httpPort(0).sshPort(0).topology(Topology.demo()).build().start();
    }

    @AfterEach
    void stop() { sim.stop(); }

    /** A shell channel read until a prompt, like EPT's expect-style client. */
    static final class Shell implements AutoCloseable {
        final ClientSession session;
        final ChannelShell channel;
        final PipedOutputStream toServer = new PipedOutputStream();
        final StringBuilder received = new StringBuilder();
        int pos;

        Shell(ClientSession session, boolean pty) throws IOException {
            this.session = session;
            channel = session.createShellChannel();
            channel.setUsePty(pty);
            channel.setIn(new PipedInputStream(toServer, 65536));
            OutputStream sink = new OutputStream() {
                @Override public void write(int b) { write(new byte[]{(byte) b}, 0, 1); }

                @Override public void write(byte[] b, int off, int len) {
                    synchronized (received) {
                        received.append(new String(b, off, len, StandardCharsets.UTF_8));
                        received.notifyAll();
                    }
                }
            };
            channel.setOut(sink);
            channel.setRedirectErrorStream(true);
            channel.open().verify(Duration.ofSeconds(5));
        }

        void send(String line) throws IOException {
            toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        }

        /** Text up to and including the next occurrence of {@code marker}. */
        String until(String marker) throws InterruptedException {
            long end = System.currentTimeMillis() + 5000;
            synchronized (received) {
                while (true) {
                    int i = received.indexOf(marker, pos);
                    if (i >= 0) {
                        String s = received.substring(pos, i + marker.length());
                        pos = i + marker.length();
                        return s;
                    }
                    long left = end - System.currentTimeMillis();
                    if (left <= 0) throw new AssertionError("no '" + marker + "' in: " + received.substring(pos));
                    received.wait(left);
                }
            }
        }

        /** Sends a command and returns its output (without the echoed command and the prompt). */
        String run(String line, String prompt) throws Exception {
            send(line);
            String s = until(prompt);
            return s.substring(0, s.length() - prompt.length());
        }

        @Override public void close() throws IOException { if (!channel.isClosed()) channel.close(false); }
    }

    ClientSession login(String password) throws IOException {
        ClientSession s = client.connect("admin", "127.0.0.1", sim.sshPort()).verify(Duration.ofSeconds(5)).getSession();
        s.addPasswordIdentity(password);
        try {
            s.auth().verify(Duration.ofSeconds(5));
        } catch (IOException e) {
            s.close(true);
            throw e;
        }
        return s;
    }

    Shell leaf(ClientSession s, String tep, String name) throws Exception {
        Shell sh = new Shell(s, false);
        sh.until("apic1# ");
        sh.send(HOP + tep);
        String out = sh.until("Password: ");
        assertTrue(out.contains("Warning: Permanently added '" + tep + "'"), out);
        sh.send("ept-sim");
        sh.until(name + "# ");
        return sh;
    }

    @Test
    void disabledByDefaultAndEnabledOnAFreePort() {
        ApicSimulator plain = ApicSimulator.builder().httpPort(0).topology(Topology.demo()).build().start();
        try {
            assertEquals(-1, plain.sshPort());
        } finally {
            plain.stop();
        }
        assertTrue(sim.sshPort() > 0);
    }

    @Test
    void loginWithGoodAndBadPasswords() throws Exception {
        assertThrows(IOException.class, () -> login("wrong"));
        try (ClientSession s = login("ept-sim"); Shell sh = new Shell(s, false)) {
            assertEquals("apic1# ", sh.until("apic1# "));
            assertTrue(sh.run("ls /", "apic1# ").contains("-bash: ls: command not found"));
            sh.send("exit");
            assertTrue(sh.channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5)).contains(ClientChannelEvent.CLOSED));
        }
    }

    @Test
    void hopToLeafBadLeafPasswordAndExitBackToApic() throws Exception {
        try (ClientSession s = login("ept-sim"); Shell sh = new Shell(s, false)) {
            sh.until("apic1# ");
            // any option order, user in -l
            sh.send("ssh -b 10.0.0.1 -l admin -o UserKnownHostsFile=/dev/null -oStrictHostKeyChecking=no 10.0.72.64");
            sh.until("Password: ");
            sh.send("nope");
            assertTrue(sh.until("Password: ").contains("Permission denied, please try again."));
            sh.send("ept-sim");
            String banner = sh.until("leaf-101# ");
            assertTrue(banner.contains("NX-OS"), banner);
            assertTrue(sh.run("show version", "leaf-101# ").contains("command not found"));
            assertTrue(sh.run("vsh -c 'show foo'", "leaf-101# ").contains("Syntax error while parsing 'show foo'"));
            assertTrue(sh.run("exit", "apic1# ").contains("Connection to 10.0.72.64 closed."));
            sh.send("exit");
            assertTrue(sh.channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5)).contains(ClientChannelEvent.CLOSED));
        }
    }

    @Test
    void unknownTepStaysAtTheApic() throws Exception {
        try (ClientSession s = login("ept-sim"); Shell sh = new Shell(s, false)) {
            sh.until("apic1# ");
            String out = sh.run(HOP + "10.9.9.9", "apic1# ");
            assertTrue(out.contains("ssh: connect to host 10.9.9.9 port 22: No route to host"), out);
            sim.control().leafDown(102);
            assertTrue(sh.run(HOP + "10.0.72.65", "apic1# ").contains("No route to host"));
            assertTrue(sh.run("ssh -o StrictHostKeyChecking=no -b 10.1.1.1 admin@10.0.72.64", "apic1# ").contains("Cannot assign requested address"));
        }
    }

    @Test
    void ipClearRemovesTheEntryOnThatLeafAndEmitsDeletes() throws Exception {
        SimTestClient c = new SimTestClient(sim.httpUrl());
        c.login("admin", "ept-sim");
        SimTestClient.Frames frames = c.websocket();
        SimTestClient.Reply sub = c.get("/api/class/epmIpEp.json?subscription=yes&page-size=1");
        assertEquals(200, sub.status());
        assertTrue(onNode("10.1.1.11", 103, "epmIpEp"));
        try (ClientSession s = login("ept-sim"); Shell sh = leaf(s, "10.0.72.66", "leaf-103")) {
            assertEquals("", sh.run("vsh -c 'clear system internal epm endpoint key vrf tn1:v1 ip 10.1.1.11'", "leaf-103# ").trim());
            assertTrue(sh.run("vsh -c 'clear system internal epm endpoint key vrf tn1:nope ip 10.1.1.11'", "leaf-103# ").contains("Invalid vrf name"));
            // ipv6 variant
            assertTrue(onNode("2001:db8:1::11", 103, "epmIpEp"));
            assertEquals("", sh.run("vsh -c 'clear system internal epm endpoint key vrf tn1:v1 ipv6 2001:db8:1::11'", "leaf-103# ").trim());
            assertFalse(onNode("2001:db8:1::11", 103, "epmIpEp"));
        }
        assertFalse(onNode("10.1.1.11", 103, "epmIpEp"));
        assertTrue(onNode("10.1.1.11", 101, "epmIpEp")); // other leaves untouched
        JsonNode deleted = frames.await(n -> n.toString().contains("\"status\":\"deleted\"")
                && n.toString().contains("node-103") && n.toString().contains("ip-[10.1.1.11]"), 3000);
        assertNotNull(deleted, frames.received.toString());
        assertEquals(sub.body().path("subscriptionId").asText(), deleted.path("subscriptionId").get(0).asText());
        // the control API shows what was run
        JsonNode ssh = c.get("/_sim/ssh").body();
        assertEquals(sim.sshPort(), ssh.path("port").asInt());
        assertTrue(ssh.path("commands").toString().contains("key vrf tn1:v1 ip 10.1.1.11"), ssh.toString());
    }

    @Test
    void macClearWithMoqueryVlanIdAndVsh() throws Exception {
        String mac = "00:00:5E:00:53:04"; // local on 103 eth1/6, bd2 (vnid 15761386), vlan-102
        assertTrue(onNode(mac, 103, "epmMacEp"));
        try (ClientSession s = login("ept-sim"); Shell sh = leaf(s, "10.0.72.66", "leaf-103")) {
            String q = "moquery -c epmMacEp -f 'epm.MacEp.addr==\"" + mac + "\"' | egrep '^dn' | egrep 'vxlan-";
            assertEquals("", sh.run(q + "99999'", "leaf-103# ").trim());
            String dnLine = sh.run(q + "15761386'", "leaf-103# ").trim();
            Matcher m = Pattern.compile("^dn\\s*:\\s*(sys/\\S+)/db-ep/mac-" + mac + "$").matcher(dnLine);
            assertTrue(m.matches(), dnLine);
            String parent = m.group(1);
            assertEquals("sys/ctx-[vxlan-2818048]/bd-[vxlan-15761386]/vlan-[vlan-102]", parent);
            String idLine = sh.run("moquery -d '" + parent + "' | egrep '^id'", "leaf-103# ").trim();
            Matcher im = Pattern.compile("^id\\s*:\\s*(\\d+)$").matcher(idLine);
            assertTrue(im.matches(), idLine);
            String pi = im.group(1);
            // stable answer
            assertEquals(idLine, sh.run("moquery -d '" + parent + "' | egrep '^id'", "leaf-103# ").trim());
            assertEquals("", sh.run("vsh -c 'clear system internal epm endpoint key vlan " + pi + " mac " + mac + "'", "leaf-103# ").trim());
            assertEquals("", sh.run(q + "15761386'", "leaf-103# ").trim());
            // full moquery output shape
            String full = sh.run("moquery -c epmIpEp -f 'epm.IpEp.addr==\"10.1.2.14\"'", "leaf-103# ");
            assertTrue(full.contains("Total Objects shown: 1") && full.contains("# epm.IpEp"), full);
            assertTrue(sh.run("moquery -d 'sys/ctx-[vxlan-1]/bd-[vxlan-2]/vlan-[vlan-3]'", "leaf-103# ").contains("No Mos found"));
        }
        assertFalse(onNode(mac, 103, "epmMacEp"));
        assertTrue(onNode(mac, 101, "epmMacEp")); // remote copies elsewhere untouched
        assertTrue(onNode("10.1.2.14", 103, "epmIpEp")); // the MAC clear leaves the IP entry
    }

    @Test
    void ptyEchoesAndUsesCrLf() throws Exception {
        try (ClientSession s = login("ept-sim"); Shell sh = new Shell(s, true)) {
            sh.until("apic1# ");
            String out = sh.run("foo", "apic1# ");
            assertTrue(out.startsWith("foo\r\n"), out);
            assertTrue(out.contains("-bash: foo: command not found\r\n"), out);
        }
    }

    boolean onNode(String addr, int node, String cls) {
        List<Map<String, Object>> truth = sim.control().groundTruth(addr);
        return truth.stream().anyMatch(m -> (int) m.get("node") == node && cls.equals(m.get("class")));
    }
}
