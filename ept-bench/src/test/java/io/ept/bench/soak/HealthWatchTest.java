package io.ept.bench.soak;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthWatchTest {

    private static HealthWatch watch() {
        return new HealthWatch(() -> null, "f");
    }

    @Test
    void anOutageIsChargedToTheLastFaultBeforeItFromItsInjectionToTheFirstHealthySample() {
        HealthWatch w = watch();
        w.sample(0, true, "ok");
        w.injected(FaultKind.WEBSOCKET_DROP, 1_000);
        w.injected(FaultKind.REDIS_KILL, 2_000);
        w.sample(2_500, false, "degraded");
        w.sample(3_000, false, "degraded");
        w.sample(9_000, true, "ok");
        w.injected(FaultKind.WEBSOCKET_DROP, 20_000);
        w.sample(21_000, false, "starting");
        w.sample(24_000, true, "ok");
        Map<FaultKind, Long> longest = w.longestRecovery();
        assertEquals(7_000L, longest.get(FaultKind.REDIS_KILL));
        assertEquals(4_000L, longest.get(FaultKind.WEBSOCKET_DROP));
        assertEquals(0, w.unexplainedOutages());
    }

    @Test
    void faultsWithoutAnOutageRecoverInZeroAndAnOutageThatNeverEndsIsReportedAsSuch() {
        HealthWatch w = watch();
        w.injected(FaultKind.MALFORMED_FRAMES, 1_000);
        w.sample(1_500, true, "ok");
        w.injected(FaultKind.REFUSED_LOGIN, 5_000);
        w.sample(6_000, false, "stopped");
        w.sample(7_000, false, "stopped");
        Map<FaultKind, Long> longest = w.longestRecovery();
        assertEquals(0L, longest.get(FaultKind.MALFORMED_FRAMES));
        assertEquals(Long.MAX_VALUE, longest.get(FaultKind.REFUSED_LOGIN));
    }

    @Test
    void aKilledJvmInsideAnOngoingOutageIsChargedUntilHealthyAgainAndTheEarlierFaultOnlyUntilTheKill() {
        HealthWatch w = watch();
        w.injected(FaultKind.WEBSOCKET_DROP, 0);
        w.sample(1_000, false, "starting");
        w.injected(FaultKind.WILDFLY_KILL, 2_000);
        w.sample(3_000, false, "no answer");
        w.sample(50_000, true, "ok");
        assertEquals(48_000L, w.longestRecovery().get(FaultKind.WILDFLY_KILL));
        assertEquals(2_000L, w.longestRecovery().get(FaultKind.WEBSOCKET_DROP));
        assertEquals(49_000L, w.unhealthyMillis()[0]);
    }

    @Test
    void anOutageLongAfterEveryFaultIsUnexplained() {
        HealthWatch w = watch();
        w.injected(FaultKind.APIC_503, 0);
        w.sample(120_000, false, "stopped");
        w.sample(121_000, true, "ok");
        assertEquals(1, w.unexplainedOutages());
        assertEquals(0L, w.longestRecovery().get(FaultKind.APIC_503));
    }

    @Test
    void optionsParseAndRefuseNonsense() {
        SoakOptions o = SoakOptions.parse(new String[]{"--minutes", "3", "--smoke", "--ept-property", "a.b=1"});
        assertEquals(3, o.minutes);
        assertEquals(100, o.streamSeconds());
        assertEquals("1", o.eptProperties.get("a.b"));
        for (String[] bad : new String[][]{{"--minutes", "0"}, {"--rate", "x"}, {"--ept-property", "=v"}, {"--nope", "1"},
                {"--minutes"}}) {
            try {
                SoakOptions.parse(bad);
                throw new AssertionError("accepted " + String.join(" ", bad));
            } catch (IllegalArgumentException expected) {
                // refused with a message
            }
        }
        assertEquals(100, FaultKind.WEBSOCKET_DROP.count(10, false));
        assertEquals(20, FaultKind.MALFORMED_FRAMES.count(10, false)); // x 500 frames = 10,000
        assertEquals(0, FaultKind.WILDFLY_KILL.count(10, true));
    }
}
