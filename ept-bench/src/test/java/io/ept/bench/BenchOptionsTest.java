package io.ept.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {

    @Test
    void generatorSpecsStayTogetherAmongNamedScales() {
        assertEquals(List.of("demo", "leaves=8,vpc-pairs=2,endpoints=500", "32k"),
                BenchOptions.splitScales("demo,leaves=8,vpc-pairs=2,endpoints=500,32k"));
        assertEquals("leaves=20,vpc-pairs=10,endpoints=780", BenchOptions.topology("32k"));
        assertEquals("leaves=4", BenchOptions.topology("leaves=4"));
    }

    @Test
    void theEventsScaleIsBuiltFirstWhenNotListed() {
        BenchOptions o = BenchOptions.parse(new String[]{"--scale", "demo", "--events-scale", "32k", "--root", "/tmp"});
        assertEquals(List.of("demo", "32k"), o.scales);
        assertEquals(java.nio.file.Path.of("/tmp/target/bench"), o.out);
    }

    @Test
    void smokeIsSmall() {
        BenchOptions o = BenchOptions.parse(new String[]{"--smoke"});
        assertEquals(List.of("demo"), o.scales);
        assertTrue(o.sustainedSeconds <= 10 && o.latencySeconds <= 10);
        assertEquals(0, o.warmupSeconds);
    }

    @Test
    void theLatencyPhasesFollowAWarmUpUnlessSwitchedOff() {
        assertEquals(90, BenchOptions.parse(new String[]{"--root", "/tmp"}).warmupSeconds);
        assertEquals(0, BenchOptions.parse(new String[]{"--warmup-seconds", "0"}).warmupSeconds);
    }

    @Test
    void theSustainedLoadIsARateAndTheDesignScaleGetsFourGibibytes() {
        BenchOptions o = BenchOptions.parse(new String[]{"--root", "/tmp"});
        assertTrue(o.sustainedSeconds >= 30);
        if (System.getenv("EPT_JAVA_OPTS") == null) {
            assertEquals("-Xms1g -Xmx4g", o.javaOpts("design"));
            assertEquals("-Xms256m -Xmx1280m -XX:G1PeriodicGCInterval=15000", o.javaOpts("32k"));
        }
        BenchOptions given = BenchOptions.parse(new String[]{"--ept-java-opts", "-Xmx8g", "--mongo-uri",
                "mongodb://db1:27017/?replicaSet=rs0"});
        assertEquals("-Xmx8g", given.javaOpts("design"));
        assertEquals("mongodb://db1:27017/?replicaSet=rs0", given.mongoUri);
    }

    @Test
    void unknownOptionsAreRejected() {
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(new String[]{"--nope"}));
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(new String[]{"--scale"}));
    }

    @Test
    void nodesRunTheClusterBenchmarkOnOneScaleWithoutJmh() {
        BenchOptions o = BenchOptions.parse(new String[]{"--nodes", "1,2,3", "--scale", "demo", "--root", "/tmp"});
        assertEquals(List.of(1, 2, 3), o.nodes);
        assertEquals(List.of("demo"), o.scales);
        assertEquals("demo", o.eventsScale);
        assertEquals(false, o.jmh);
        BenchOptions byDefault = BenchOptions.parse(new String[]{"--nodes", "2"});
        assertEquals(List.of("32k"), byDefault.scales);
        assertEquals("32k", byDefault.eventsScale);
        BenchOptions plain = BenchOptions.parse(new String[]{"--scale", "demo"});
        assertEquals(List.of(), plain.nodes);
        assertTrue(plain.jmh);
        assertEquals(List.of("demo", "32k"), plain.scales);
    }

    @Test
    void clusterSizesAndScalesAreChecked() {
        for (String[] bad : List.of(new String[]{"--nodes", "0"}, new String[]{"--nodes", "1,x"}, new String[]{"--nodes", ""},
                new String[]{"--nodes", "1,2", "--scale", "demo,32k"},
                new String[]{"--nodes", "1", "--scale", "demo", "--events-scale", "32k"},
                new String[]{"--nodes", "1", "--mongo-uri", "mongodb://db1:27017"})) {
            assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(bad), String.join(" ", bad));
        }
    }
}
