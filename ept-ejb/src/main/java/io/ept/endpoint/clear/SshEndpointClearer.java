package io.ept.endpoint.clear;

import io.ept.domain.InvalidValueException;
import io.ept.domain.ShellWords;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import io.ept.apic.FingerprintPins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Clears endpoints on leaves over SSH like the original (ept-reference 3.10): SSH to the APIC (scheme, path and
 * port of apic_hostname stripped; port {@code sshPort}), interactive shell, jump to the leaf TEP with
 * {@link ClearCommands#jump}, run the vsh/moquery commands; success = the leaf shell returned to its prompt.
 * Nodes are cleared in parallel, each over its own APIC session.
 */
public final class SshEndpointClearer {
    /** Shell prompts of APIC and NX-OS ("apic1#", "leaf-101#", "admin@apic1:~>", "$ "). */
    private static final Pattern PROMPT = Pattern.compile("[#>$]\\s*$");
    private static final Pattern PASSWORD = Pattern.compile("(?i)password:\\s*$");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Start of the error of a connection refused because the APIC's host key differs from the pinned one. */
    public static final String HOST_KEY_MISMATCH = "SSH host key mismatch: ";

    /** APIC SSH login. */
    public record ApicLogin(String apicHostname, int port, String username, String password, FingerprintPins hostKeys) {
        /** The pin key of the APIC's SSH service: "host:port". */
        public String trustHost() {
            return host().toLowerCase(java.util.Locale.ROOT) + ":" + port;
        }

        /** "https://apic1:443/x" to "apic1". */
        public String host() {
            String h = apicHostname.replaceFirst("^[a-zA-Z]+://", "");
            int slash = h.indexOf('/');
            if (slash >= 0) {
                h = h.substring(0, slash);
            }
            if (h.startsWith("[")) {
                return h.substring(1, h.indexOf(']'));
            }
            int colon = h.indexOf(':');
            return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
        }
    }

    private final SshClient client;
    private final Executor executor;

    public SshEndpointClearer(Executor executor) {
        this.executor = executor;
        this.client = SshClient.setUpDefaultClient();
        // the original accepted any host key; EPT pins the APIC's key on first use (per fabric and host)
        client.setServerKeyVerifier(new PinningServerKeyVerifier());
        client.start();
    }

    public void close() {
        client.stop();
    }

    /** Clears every target in parallel; results by node in target order. */
    public Map<Integer, ClearResult> clear(ApicLogin login, String apicTep, List<ClearTarget> targets) {
        String refused = refused(login, apicTep, null);
        if (refused != null) {
            Map<Integer, ClearResult> out = new LinkedHashMap<>();
            targets.forEach(t -> out.put(t.node(), ClearResult.failed(t.node(), refused)));
            return out;
        }
        List<CompletableFuture<ClearResult>> futures = new ArrayList<>();
        for (ClearTarget t : targets) {
            futures.add(CompletableFuture.supplyAsync(() -> clearOne(login, apicTep, t), executor));
        }
        Map<Integer, ClearResult> out = new LinkedHashMap<>();
        for (CompletableFuture<ClearResult> f : futures) {
            ClearResult r = f.join();
            out.put(r.node(), r);
        }
        return out;
    }

    ClearResult clearOne(ApicLogin login, String apicTep, ClearTarget t) {
        String error = onLeaf(login, apicTep, t.leafTep(), sh -> {
            if (t.ip()) {
                sh.send(ClearCommands.clearIp(t.vrfName(), t.addr(), t.ipv6()));
                sh.expect(PROMPT);
            } else {
                sh.send(ClearCommands.findMac(t.addr(), t.bdVnid()));
                String parent = ClearCommands.parentOfMacDn(sh.expectLines(PROMPT));
                if (parent != null) {
                    sh.send(ClearCommands.parentId(parent));
                    String pi = ClearCommands.idValue(sh.expectLines(PROMPT));
                    if (pi != null) {
                        sh.send(ClearCommands.clearMac(pi, t.addr()));
                        sh.expect(PROMPT);
                    }
                } // not on the leaf: nothing to clear, a success
            }
        });
        return error == null ? ClearResult.ok(t.node()) : ClearResult.failed(t.node(), error);
    }

    /**
     * Logs in to the APIC and hops to the leaf, then leaves again: proves the SSH credentials and the path the
     * clear takes. Returns null on success, otherwise the problem.
     */
    public String verify(ApicLogin login, String apicTep, String leafTep) {
        String refused = refused(login, apicTep, leafTep);
        return refused != null ? refused : onLeaf(login, apicTep, leafTep, sh -> { });
    }

    /** The values of the jump line, checked before any connection; null when they are fine. */
    static String refused(ApicLogin login, String apicTep, String leafTep) {
        try {
            ShellWords.tep("apic TEP", apicTep);
            if (leafTep != null) {
                ShellWords.tep("leaf TEP", leafTep);
            }
            ShellWords.require("ssh_username", ShellWords.SSH_USER, login.username());
            return null;
        } catch (InvalidValueException e) {
            return "refusing to connect: " + e.getMessage();
        }
    }

    /** Commands run at the leaf prompt. */
    private interface LeafCommands {
        void run(Shell shell) throws IOException;
    }

    /** APIC login, hop to the leaf, the commands, exit. Returns null on success, otherwise the problem. */
    private String onLeaf(ApicLogin login, String apicTep, String leafTep, LeafCommands commands) {
        PinningServerKeyVerifier.HostKeyCheck check = new PinningServerKeyVerifier.HostKeyCheck(login.trustHost(), login.hostKeys());
        try (ClientSession session = client.connect(login.username(), login.host(), login.port(), check.context(), null)
                .verify(TIMEOUT).getSession()) {
            session.addPasswordIdentity(login.password());
            session.auth().verify(TIMEOUT);
            try (ChannelShell shell = session.createShellChannel()) {
                shell.setPtyType("vt100");
                shell.open().verify(TIMEOUT);
                Shell sh = new Shell(shell.getInvertedIn(), shell.getInvertedOut());
                sh.expect(PROMPT);
                String hopError = hop(sh, login, apicTep, leafTep);
                if (hopError != null) {
                    return hopError;
                }
                commands.run(sh);
                sh.send("exit");
                return null;
            }
        } catch (IOException | RuntimeException e) {
            if (check.mismatch().get() != null) {
                return HOST_KEY_MISMATCH + check.mismatch().get().message();
            }
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /**
     * The APIC-to-leaf jump. A failed jump leaves the shell at the APIC prompt, where the clear commands would
     * "succeed" without clearing anything, so the jump's output is checked for ssh errors.
     */
    private static String hop(Shell sh, ApicLogin login, String apicTep, String leafTep) throws IOException {
        sh.send(ClearCommands.jump(apicTep, login.username(), leafTep));
        StringBuilder output = new StringBuilder();
        int match = sh.expect(PASSWORD, PROMPT);
        output.append(sh.text());
        if (match == 0) {
            sh.send(login.password());
            match = sh.expect(PASSWORD, PROMPT);
            output.append(sh.text());
            if (match == 0) {
                sh.send("");
                return "leaf " + leafTep + " refused the SSH password";
            }
        }
        java.util.regex.Matcher failure = HOP_FAILURE.matcher(output);
        return failure.find() ? "ssh from the APIC to leaf " + leafTep + " failed: " + failure.group().trim() : null;
    }

    private static final Pattern HOP_FAILURE = Pattern.compile(
            "(?m)^.*(ssh: .*|Permission denied.*|Connection refused.*|No route to host.*|Could not resolve.*|Connection timed out.*)$");

    /** Minimal expect over the shell streams. */
    private static final class Shell {
        private final OutputStream in;
        private final InputStream out;
        private final StringBuilder buffer = new StringBuilder();

        Shell(OutputStream in, InputStream out) {
            this.in = in;
            this.out = out;
        }

        void send(String line) throws IOException {
            buffer.setLength(0);
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Waits until the output ends with one of the patterns; returns its index. */
        int expect(Pattern... patterns) throws IOException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            byte[] chunk = new byte[4096];
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < patterns.length; i++) {
                    if (patterns[i].matcher(buffer).find()) {
                        return i;
                    }
                }
                if (out.available() == 0) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    continue;
                }
                int n = out.read(chunk);
                if (n < 0) {
                    throw new IOException("shell closed; output: " + buffer);
                }
                buffer.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
            }
            throw new IOException("timeout waiting for the prompt; output: " + buffer);
        }

        String text() {
            return buffer.toString();
        }

        List<String> expectLines(Pattern prompt) throws IOException {
            expect(prompt);
            return List.of(buffer.toString().split("\\r?\\n"));
        }
    }
}
