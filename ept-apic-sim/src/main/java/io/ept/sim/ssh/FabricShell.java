package io.ept.sim.ssh;

import io.ept.sim.model.EpmRecord;
import io.ept.sim.model.FabricState;
import io.ept.sim.model.Host;
import io.ept.sim.model.StoredMo;
import io.ept.sim.topology.Topology;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One interactive SSH session: the APIC shell, the {@code ssh} hop to a leaf and the leaf's vsh/moquery
 * commands used by EPT's clear procedure. Line based, no pty needed: lines end with \n, \r or \r\n.
 * With a pty the shell echoes what is typed (except passwords) and ends lines with \r\n; without one it
 * does not echo and ends lines with \n. Everything (errors too) is written to the channel's stdout.
 */
final class FabricShell implements Command, Runnable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Pattern FILTER = Pattern.compile("^\\s*([a-z]+)\\.([A-Za-z0-9]+)\\.([A-Za-z0-9]+)\\s*==\\s*\"(.*)\"\\s*$");
    private static final Pattern CONTAINER = Pattern.compile(
            "^sys/(?:ctx-\\[vxlan-(\\d+)\\]|inst-overlay-1)(?:/bd-\\[vxlan-(\\d+)\\])?(?:/(?:vlan|vxlan)-\\[((?:vlan|vxlan)-\\d+)\\])?(/db-ep)?$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern MAC_COLON = Pattern.compile("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$");
    private static final Pattern MAC_DOT = Pattern.compile("^[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}$");
    private static final String SSH_FLAGS_WITH_ARG = "bcDEeFIiJLlmOopQRSWw";

    private enum Mode { APIC, HOSTKEY, PASSWORD, LEAF }

    private final SimSshServer server;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;
    private volatile boolean closed;
    private String user = "admin";
    private boolean pty;
    private String nl = "\n";

    private Mode mode = Mode.APIC;
    private String apicName = "apic1";
    /** Leaf we are logged into (mode LEAF) or connecting to (HOSTKEY/PASSWORD). */
    private Topology.Node leaf;
    private String hopTarget;
    private String hopUser;
    private String hopRemoteCommand;
    private int passwordTries;

    FabricShell(SimSshServer server) { this.server = server; }

    @Override public void setInputStream(InputStream in) { this.in = in; }

    @Override public void setOutputStream(OutputStream out) { this.out = out; }

    @Override public void setErrorStream(OutputStream err) { /* everything goes to stdout */ }

    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    @Override
    public void start(ChannelSession channel, Environment env) {
        if (channel.getSession().getUsername() != null) user = channel.getSession().getUsername();
        pty = env.getEnv().containsKey(Environment.ENV_TERM);
        nl = pty ? "\r\n" : "\n";
        apicName = server.control().readFabric(f -> {
            for (Topology.Node n : f.nodes.values()) if ("controller".equals(n.role)) return n.name;
            return "apic1";
        });
        server.sessionOpened();
        thread = new Thread(this, "sim-ssh-shell-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        closed = true;
        if (thread != null) thread.interrupt();
    }

    // ------------------------------------------------------------------ line reading

    @Override
    public void run() {
        int status = 0;
        try {
            prompt();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            boolean skipLf = false;
            int esc = 0;
            while (!closed) {
                int n = in.read(buf);
                if (n < 0) break;
                for (int i = 0; i < n && !closed; i++) {
                    int b = buf[i] & 0xff;
                    if (esc == 1) { esc = (b == '[' || b == 'O') ? 2 : 0; continue; }
                    if (esc == 2) { if (b >= 0x40 && b <= 0x7e) esc = 0; continue; }
                    if (b == '\n' && skipLf) { skipLf = false; continue; }
                    skipLf = false;
                    if (b == '\r' || b == '\n') {
                        skipLf = b == '\r';
                        if (pty) write(nl);
                        String text = line.toString(StandardCharsets.UTF_8);
                        line.reset();
                        handleLine(text);
                        if (!closed) prompt();
                    } else if (b == 0x7f || b == 0x08) {
                        byte[] cur = line.toByteArray();
                        if (cur.length > 0) {
                            line.reset();
                            line.write(cur, 0, cur.length - 1);
                            if (pty && mode != Mode.PASSWORD) write("\b \b");
                        }
                    } else if (b == 0x03) { // Ctrl-C
                        line.reset();
                        if (pty) write("^C" + nl);
                        if (mode == Mode.HOSTKEY || mode == Mode.PASSWORD) { mode = Mode.APIC; leaf = null; }
                        prompt();
                    } else if (b == 0x04) { // Ctrl-D: logout on an empty line
                        if (line.size() == 0) {
                            if (pty) write(nl);
                            handleLine("exit");
                            if (!closed) prompt();
                        }
                    } else if (b == 0x1b) {
                        esc = 1;
                    } else if (b >= 0x20 || b == '\t') {
                        line.write(b);
                        if (pty && mode != Mode.PASSWORD) out.write(b);
                    }
                }
                if (pty) out.flush();
            }
        } catch (IOException e) {
            status = closed ? 0 : 1;
        } finally {
            server.sessionClosed();
            closed = true;
            if (exit != null) exit.onExit(status);
        }
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void println(String s) throws IOException { write(s + nl); }

    private void prompt() throws IOException {
        switch (mode) {
            case APIC: write(apicName + "# "); break;
            case LEAF: write(leaf.name + "# "); break;
            case PASSWORD: write("Password: "); break;
            case HOSTKEY: write("Are you sure you want to continue connecting (yes/no/[fingerprint])? "); break;
        }
    }

    // ------------------------------------------------------------------ dispatch

    private void handleLine(String raw) throws IOException {
        switch (mode) {
            case HOSTKEY: hostKeyAnswer(raw.trim()); return;
            case PASSWORD: passwordAnswer(raw); return;
            default: break;
        }
        String text = raw.trim();
        if (text.isEmpty()) return;
        int node = mode == Mode.LEAF ? leaf.id : 0;
        List<List<String>> pipeline;
        try {
            pipeline = ShellWords.pipeline(text);
        } catch (IllegalArgumentException e) {
            println("-bash: " + e.getMessage());
            server.record(user, node, text, "error: " + e.getMessage());
            return;
        }
        List<String> cmd = pipeline.get(0);
        if (cmd.isEmpty()) { syntaxError(text, node); return; }
        String word = cmd.get(0);
        if ((word.equals("exit") || word.equals("logout")) && pipeline.size() == 1) {
            server.record(user, node, text, "ok");
            if (mode == Mode.LEAF) {
                println("Connection to " + leaf.address + " closed.");
                mode = Mode.APIC;
                leaf = null;
            } else {
                closed = true;
            }
            return;
        }
        if (mode == Mode.APIC) {
            if (word.equals("ssh") && pipeline.size() == 1) { sshHop(cmd, text); return; }
            commandNotFound(word, text, node);
            return;
        }
        runOnLeaf(pipeline, text);
    }

    private void syntaxError(String text, int node) throws IOException {
        println("Syntax error while parsing '" + text + "'");
        server.record(user, node, text, "error: syntax");
    }

    private void commandNotFound(String word, String text, int node) throws IOException {
        println("-bash: " + word + ": command not found");
        server.record(user, node, text, "error: command not found");
    }

    // ------------------------------------------------------------------ APIC: ssh hop

    private void sshHop(List<String> cmd, String text) throws IOException {
        String bind = null, loginName = null, dest = null;
        int port = 22;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> remote = new ArrayList<>();
        for (int i = 1; i < cmd.size(); i++) {
            String a = cmd.get(i);
            if (dest != null) { remote.add(a); continue; }
            if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (SSH_FLAGS_WITH_ARG.indexOf(c) < 0) continue; // boolean flag
                    String v = j + 1 < a.length() ? a.substring(j + 1) : (i + 1 < cmd.size() ? cmd.get(++i) : null);
                    if (v == null) {
                        println("option requires an argument -- " + c);
                        println("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address] ... destination [command [argument ...]]");
                        server.record(user, 0, text, "error: usage");
                        return;
                    }
                    if (c == 'b') bind = v;
                    else if (c == 'l') loginName = v;
                    else if (c == 'p') port = parsePort(v);
                    else if (c == 'o') {
                        int eq = v.indexOf('=');
                        String[] kv = eq > 0 ? new String[]{v.substring(0, eq), v.substring(eq + 1)} : v.trim().split("\\s+", 2);
                        options.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1].trim() : "");
                    }
                    break;
                }
            } else {
                dest = a;
            }
        }
        if (dest == null) {
            println("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address] ... destination [command [argument ...]]");
            server.record(user, 0, text, "error: usage");
            return;
        }
        String hostPart = dest;
        String who = loginName != null ? loginName : user;
        int at = dest.lastIndexOf('@');
        if (at >= 0) { who = dest.substring(0, at); hostPart = dest.substring(at + 1); }
        final String target = hostPart;
        final String bindAddr = bind;
        Object[] found = server.control().readFabric(f -> {
            boolean bindOk = true;
            if (bindAddr != null) {
                bindOk = false;
                for (Topology.Node n : f.nodes.values()) if ("controller".equals(n.role) && bindAddr.equals(n.address)) bindOk = true;
                if ("127.0.0.1".equals(bindAddr)) bindOk = true;
            }
            Topology.Node hit = null;
            for (Topology.Node n : f.nodes.values())
                if (!"controller".equals(n.role) && (target.equals(n.address) || target.equalsIgnoreCase(n.name))) hit = n;
            return new Object[]{bindOk, hit, hit != null && hit.active};
        });
        if (!(Boolean) found[0]) {
            println("bind " + bind + ": Cannot assign requested address");
            println("ssh: connect to host " + target + " port " + port + ": Cannot assign requested address");
            server.record(user, 0, text, "error: bad bind address");
            return;
        }
        Topology.Node node = (Topology.Node) found[1];
        if (node == null || !(Boolean) found[2]) {
            println("ssh: connect to host " + target + " port " + port + ": No route to host");
            server.record(user, 0, text, "error: no route to host");
            return;
        }
        if (port != 22) {
            println("ssh: connect to host " + target + " port " + port + ": Connection refused");
            server.record(user, 0, text, "error: connection refused");
            return;
        }
        leaf = node;
        hopTarget = target;
        hopUser = who;
        hopRemoteCommand = remote.isEmpty() ? null : String.join(" ", remote);
        passwordTries = 0;
        String strict = options.getOrDefault("stricthostkeychecking", "ask").toLowerCase(Locale.ROOT);
        server.record(user, 0, text, "ok: connecting to node " + node.id);
        if (strict.equals("no") || strict.equals("off") || strict.equals("accept-new")) {
            println("Warning: Permanently added '" + target + "' (ECDSA) to the list of known hosts.");
            mode = Mode.PASSWORD;
        } else {
            println("The authenticity of host '" + target + " (" + node.address + ")' can't be established.");
            println("ECDSA key fingerprint is SHA256:eptSim" + node.id + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.");
            mode = Mode.HOSTKEY;
        }
    }

    private static int parsePort(String v) {
        try { return Integer.parseInt(v.trim()); } catch (NumberFormatException e) { return -1; }
    }

    private void hostKeyAnswer(String answer) throws IOException {
        if (answer.equalsIgnoreCase("yes")) {
            println("Warning: Permanently added '" + hopTarget + "' (ECDSA) to the list of known hosts.");
            mode = Mode.PASSWORD;
        } else if (answer.equalsIgnoreCase("no")) {
            println("Host key verification failed.");
            mode = Mode.APIC;
            leaf = null;
        }
        // anything else: stay in HOSTKEY, the next prompt repeats the question
    }

    private void passwordAnswer(String pwd) throws IOException {
        if (server.checkPassword(pwd)) {
            server.record(user, leaf.id, "(password)", "ok: logged in as " + hopUser);
            if (hopRemoteCommand != null) {
                mode = Mode.LEAF;
                String c = hopRemoteCommand;
                hopRemoteCommand = null;
                handleLine(c);
                mode = Mode.APIC;
                leaf = null;
                return;
            }
            println("Cisco Nexus Operating System (NX-OS) Software");
            println("(simulated by ept-apic-sim: " + leaf.name + ", node " + leaf.id + ", TEP " + leaf.address + ")");
            mode = Mode.LEAF;
            return;
        }
        passwordTries++;
        server.record(user, leaf.id, "(password)", "error: permission denied");
        if (passwordTries < 3) {
            println("Permission denied, please try again.");
        } else {
            println(hopUser + "@" + hopTarget + ": Permission denied (publickey,keyboard-interactive,password).");
            mode = Mode.APIC;
            leaf = null;
        }
    }

    // ------------------------------------------------------------------ leaf commands

    private void runOnLeaf(List<List<String>> pipeline, String text) throws IOException {
        List<String> cmd = pipeline.get(0);
        String word = cmd.get(0);
        List<String> lines;
        String outcome;
        if (word.equals("vsh")) {
            if (cmd.size() != 3 || !cmd.get(1).equals("-c")) { syntaxError(text, leaf.id); return; }
            Object[] r = vsh(cmd.get(2).trim());
            @SuppressWarnings("unchecked") List<String> l = (List<String>) r[0];
            lines = l;
            outcome = (String) r[1];
        } else if (word.equals("moquery")) {
            Object[] r = moquery(cmd);
            @SuppressWarnings("unchecked") List<String> l = (List<String>) r[0];
            lines = l;
            outcome = (String) r[1];
        } else {
            commandNotFound(word, text, leaf.id);
            return;
        }
        for (int i = 1; i < pipeline.size(); i++) {
            List<String> g = pipeline.get(i);
            if (g.isEmpty() || !(g.get(0).equals("egrep") || g.get(0).equals("grep"))) { syntaxError(text, leaf.id); return; }
            boolean invert = false, ignoreCase = false;
            String re = null;
            for (int j = 1; j < g.size(); j++) {
                String a = g.get(j);
                if (re == null && a.startsWith("-") && a.length() > 1) {
                    if (a.contains("v")) invert = true;
                    if (a.contains("i")) ignoreCase = true;
                } else if (re == null) re = a;
                else { syntaxError(text, leaf.id); return; }
            }
            if (re == null) { syntaxError(text, leaf.id); return; }
            Pattern p;
            try {
                p = Pattern.compile(re, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            } catch (PatternSyntaxException e) {
                println("grep: Invalid regular expression");
                server.record(user, leaf.id, text, "error: bad regex");
                return;
            }
            List<String> kept = new ArrayList<>();
            for (String l : lines) if (p.matcher(l).find() != invert) kept.add(l);
            lines = kept;
        }
        for (String l : lines) println(l);
        server.record(user, leaf.id, text, outcome);
    }

    /** Returns {output lines, outcome}. */
    private Object[] vsh(String inner) {
        List<String> out = new ArrayList<>();
        String[] w = inner.split("\\s+");
        String prefix = "clear system internal epm endpoint key";
        String joined = String.join(" ", w);
        if (!joined.startsWith(prefix + " ")) {
            out.add("Syntax error while parsing '" + inner + "'");
            return new Object[]{out, "error: syntax"};
        }
        String[] k = joined.substring(prefix.length() + 1).split(" ");
        if (k.length == 4 && k[0].equals("vrf") && (k[2].equals("ip") || k[2].equals("ipv6"))) {
            String ip = k[3].toLowerCase(Locale.ROOT);
            boolean v6 = k[2].equals("ipv6");
            if (v6 ? ip.indexOf(':') < 0 : !IPV4.matcher(ip).matches()) {
                out.add("Invalid " + (v6 ? "ipv6" : "ip") + " address");
                return new Object[]{out, "error: invalid address"};
            }
            List<Integer> vnids = vrfVnids(k[1]);
            if (vnids.isEmpty()) {
                out.add("Invalid vrf name");
                return new Object[]{out, "error: invalid vrf name " + k[1]};
            }
            int events = 0;
            for (int vnid : vnids) events += server.control().clearOnLeaf(leaf.id, vnid, ip, null, null);
            return new Object[]{out, "ok: cleared ip " + ip + " vrf " + vnids.get(0) + " (" + events + " events)"};
        }
        if (k.length == 4 && k[0].equals("vlan") && k[2].equals("mac")) {
            int pi;
            try { pi = Integer.parseInt(k[1]); } catch (NumberFormatException e) { pi = -1; }
            String mac = normaliseMac(k[3]);
            if (pi < 1 || pi > 4094 || mac == null) {
                out.add("Syntax error while parsing '" + inner + "'");
                return new Object[]{out, "error: syntax"};
            }
            Object[] target = server.piVlanTarget(leaf.id, pi);
            if (target == null) return new Object[]{out, "ok: vlan " + pi + " unknown on this leaf, nothing cleared"};
            int events = server.control().clearOnLeaf(leaf.id, null, null, mac, (Integer) target[0]);
            return new Object[]{out, "ok: cleared mac " + mac + " bd " + target[0] + " (" + events + " events)"};
        }
        out.add("Syntax error while parsing '" + inner + "'");
        return new Object[]{out, "error: syntax"};
    }

    private static String normaliseMac(String m) {
        if (MAC_COLON.matcher(m).matches()) return m.toUpperCase(Locale.ROOT);
        if (MAC_DOT.matcher(m).matches()) {
            String h = m.replace(".", "").toUpperCase(Locale.ROOT);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 12; i += 2) { if (i > 0) sb.append(':'); sb.append(h, i, i + 2); }
            return sb.toString();
        }
        return null;
    }

    /** "tenant:vrf" or "overlay-1" -> the vnid(s) its entries carry; empty when unknown. */
    private List<Integer> vrfVnids(String name) {
        List<Integer> out = new ArrayList<>();
        if (name.equals("overlay-1") || name.equals("infra:overlay-1")) out.add(EpmRecord.OVERLAY_VRF);
        int colon = name.indexOf(':');
        if (colon > 0) {
            String dn = "uni/tn-" + name.substring(0, colon) + "/ctx-" + name.substring(colon + 1);
            Integer vnid = server.control().readFabric(f -> {
                StoredMo m = f.mos.get(dn);
                return m == null || m.attr("scope") == null ? null : Integer.parseInt(m.attr("scope"));
            });
            if (vnid != null) out.add(vnid);
        }
        return out;
    }

    /** moquery -c cls [-f 'pkg.Cls.attr=="value"'] | moquery -d dn. Returns {lines, outcome}. */
    private Object[] moquery(List<String> cmd) {
        String cls = null, filter = null, dn = null;
        List<String> out = new ArrayList<>();
        for (int i = 1; i < cmd.size(); i++) {
            String a = cmd.get(i);
            String v = i + 1 < cmd.size() ? cmd.get(i + 1) : null;
            if ((a.equals("-c") || a.equals("-f") || a.equals("-d") || a.equals("-x") || a.equals("-o")) && v == null) {
                out.add("moquery: error: argument " + a + ": expected one argument");
                return new Object[]{out, "error: usage"};
            }
            switch (a) {
                case "-c": cls = v.replace(".", ""); i++; break;
                case "-f": filter = v; i++; break;
                case "-d": dn = v; i++; break;
                case "-x": case "-o": i++; break; // accepted, ignored
                default:
                    out.add("moquery: error: unrecognized arguments: " + a);
                    return new Object[]{out, "error: usage"};
            }
        }
        if (cls == null && dn == null) {
            out.add("moquery: error: one of the arguments -c/--klass -d/--dn is required");
            return new Object[]{out, "error: usage"};
        }
        String fAttr = null, fValue = null;
        if (filter != null) {
            Matcher m = FILTER.matcher(filter);
            if (!m.matches()) {
                out.add("Error: invalid filter '" + filter + "' (only pkg.Class.attr==\"value\" is simulated)");
                return new Object[]{out, "error: filter"};
            }
            fAttr = m.group(3);
            fValue = m.group(4);
        }
        Topology.Node n = leaf;
        String nodePrefix = "topology/pod-" + n.pod + "/node-" + n.id + "/";
        List<List<String[]>> objects;
        if (dn != null) objects = server.control().readFabric(f -> byDn(f, n, nodePrefix, cmdDn(cmd)));
        else {
            String c = cls, fa = fAttr, fv = fValue;
            objects = server.control().readFabric(f -> byClass(f, n, nodePrefix, c, fa, fv));
        }
        if (objects.isEmpty()) {
            out.add("No Mos found");
            return new Object[]{out, "ok: 0 objects"};
        }
        out.add("Total Objects shown: " + objects.size());
        out.add("");
        for (List<String[]> obj : objects) {
            out.add("# " + obj.get(0)[0]);
            for (int i = 1; i < obj.size(); i++) out.add(String.format("%-16s : %s", obj.get(i)[0], obj.get(i)[1] == null ? "" : obj.get(i)[1]).replaceAll("\\s+$", ""));
            out.add("");
        }
        return new Object[]{out, "ok: " + objects.size() + " objects"};
    }

    private static String cmdDn(List<String> cmd) {
        for (int i = 1; i + 1 < cmd.size(); i++) if (cmd.get(i).equals("-d")) return cmd.get(i + 1);
        return null;
    }

    /** "epmMacEp" -> "epm.MacEp". */
    private static String dotted(String cls) {
        for (int i = 0; i < cls.length(); i++)
            if (Character.isUpperCase(cls.charAt(i))) return cls.substring(0, i) + "." + cls.substring(i);
        return cls;
    }

    private static String local(String dn, String nodePrefix) { return dn.startsWith(nodePrefix) ? dn.substring(nodePrefix.length()) : dn; }

    private static List<String[]> recordObject(EpmRecord r, String nodePrefix) {
        List<String[]> o = new ArrayList<>();
        o.add(new String[]{dotted(r.className())});
        r.forEachAttribute((k, v) -> o.add(new String[]{k, "dn".equals(k) || "tDn".equals(k) ? local(v, nodePrefix) : v}));
        return o;
    }

    private static List<String[]> moObject(StoredMo m, String nodePrefix) {
        List<String[]> o = new ArrayList<>();
        o.add(new String[]{dotted(m.className())});
        m.forEachAttribute((k, v) -> o.add(new String[]{k, "dn".equals(k) ? local(v, nodePrefix) : v}));
        return o;
    }

    private static boolean epmClass(String cls) {
        return cls.equals("epmMacEp") || cls.equals("epmIpEp") || cls.equals("epmRsMacEpToIpEpAtt");
    }

    private static byte kindOf(String cls) {
        return cls.equals("epmMacEp") ? EpmRecord.MAC : cls.equals("epmIpEp") ? EpmRecord.IP : EpmRecord.RS;
    }

    private static boolean attrMatches(String actual, String attr, String expected) {
        if (attr == null) return true;
        if (actual == null) return false;
        return "addr".equals(attr) ? actual.equalsIgnoreCase(expected) : actual.equals(expected);
    }

    private List<List<String[]>> byClass(FabricState f, Topology.Node n, String nodePrefix, String cls, String fAttr, String fValue) {
        List<List<String[]>> out = new ArrayList<>();
        if (epmClass(cls)) {
            byte kind = kindOf(cls);
            List<Host> hosts = "addr".equals(fAttr) ? f.hostsByAddr(fValue.indexOf(':') > 0 && fValue.length() == 17 ? fValue.toUpperCase(Locale.ROOT) : fValue) : f.hosts;
            for (Host h : hosts) {
                for (EpmRecord r : h.records) {
                    if (r.node != n.id || r.kind != kind) continue;
                    String actual = fAttr == null ? null : "dn".equals(fAttr) ? local(r.dn(), nodePrefix) : r.attr(fAttr);
                    if (attrMatches(actual, fAttr, fValue)) out.add(recordObject(r, nodePrefix));
                }
            }
            return out;
        }
        for (StoredMo m : f.mos.ofClass(cls)) {
            if (!m.dn().startsWith(nodePrefix)) continue;
            String actual = fAttr == null ? null : "dn".equals(fAttr) ? local(m.dn(), nodePrefix) : m.attr(fAttr);
            if (attrMatches(actual, fAttr, fValue)) out.add(moObject(m, nodePrefix));
        }
        return out;
    }

    private List<List<String[]>> byDn(FabricState f, Topology.Node n, String nodePrefix, String dn) {
        List<List<String[]>> out = new ArrayList<>();
        String full = dn.startsWith("topology/") ? dn : nodePrefix + dn;
        String localDn = local(full, nodePrefix);
        StoredMo mo = f.mos.get(full);
        if (mo != null) { out.add(moObject(mo, nodePrefix)); return out; }
        Matcher m = CONTAINER.matcher(localDn);
        boolean container = m.matches();
        int vrf = container && m.group(1) != null ? Integer.parseInt(m.group(1)) : EpmRecord.OVERLAY_VRF;
        int bd = container && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
        String encap = container ? m.group(3) : null;
        boolean db = container && m.group(4) != null;
        boolean bdLevel = container && m.group(2) != null;
        boolean encapLevel = encap != null;
        for (Host h : f.hosts) {
            for (EpmRecord r : h.records) {
                if (r.node != n.id) continue;
                if (!container) {
                    if (r.dn().equals(full)) { out.add(recordObject(r, nodePrefix)); return out; }
                    continue;
                }
                if (r.vrf != vrf) continue;
                if (bdLevel && r.bd != bd) continue;
                if (encapLevel && !encap.equals(r.encap)) continue;
                if (db && ((!bdLevel && r.bd != 0) || (!encapLevel && r.encap != null))) continue;
                out.add(containerObject(n, localDn, vrf, bdLevel ? bd : 0, encap, db));
                return out;
            }
        }
        return out;
    }

    private List<String[]> containerObject(Topology.Node n, String localDn, int vrf, int bd, String encap, boolean db) {
        List<String[]> o = new ArrayList<>();
        if (db) {
            o.add(new String[]{"epm.Db"});
            o.add(new String[]{"childAction", ""});
            o.add(new String[]{"dn", localDn});
            o.add(new String[]{"modTs", "never"});
            o.add(new String[]{"status", ""});
        } else if (encap != null) {
            o.add(new String[]{encap.startsWith("vxlan") ? "vxlan.CktEp" : "vlan.CktEp"});
            o.add(new String[]{"childAction", ""});
            o.add(new String[]{"dn", localDn});
            o.add(new String[]{"encap", encap});
            o.add(new String[]{"fabEncap", "vxlan-" + bd});
            o.add(new String[]{"id", "" + server.piVlan(n.id, bd, encap)});
            o.add(new String[]{"modTs", "never"});
            o.add(new String[]{"status", ""});
        } else if (bd > 0) {
            o.add(new String[]{"l2.BD"});
            o.add(new String[]{"childAction", ""});
            o.add(new String[]{"dn", localDn});
            o.add(new String[]{"fabEncap", "vxlan-" + bd});
            o.add(new String[]{"id", "" + server.piVlan(n.id, bd, null)});
            o.add(new String[]{"modTs", "never"});
            o.add(new String[]{"status", ""});
        } else {
            o.add(new String[]{vrf == EpmRecord.OVERLAY_VRF ? "l3.Inst" : "l3.Ctx"});
            o.add(new String[]{"childAction", ""});
            o.add(new String[]{"dn", localDn});
            o.add(new String[]{"encap", vrf == EpmRecord.OVERLAY_VRF ? "unknown" : "vxlan-" + vrf});
            o.add(new String[]{"modTs", "never"});
            o.add(new String[]{"status", ""});
        }
        return o;
    }
}
