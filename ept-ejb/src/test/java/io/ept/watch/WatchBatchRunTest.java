package io.ept.watch;

import io.ept.analysis.watch.WatchNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a watch batch resumes after a failed job ({@link WatchService#runFrom}). */
class WatchBatchRunTest {

    private static List<WatchJobJson.Envelope> jobs(int n) {
        List<WatchJobJson.Envelope> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new WatchJobJson.Envelope(new WatchNode("f1", i, 101 + i, "inactive"), null, false));
        }
        return jobs;
    }

    @Test
    void aFailedJobIsMarkedAndTheRedeliveryResumesWithIt() {
        List<Integer> ran = new ArrayList<>();
        List<Integer> marks = new ArrayList<>();
        boolean[] failOnce = {true};
        IllegalStateException failure = new IllegalStateException("store down");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> WatchService.runFrom(0, jobs(4), (job, i) -> {
            if (i == 2 && failOnce[0]) {
                failOnce[0] = false;
                throw failure;
            }
            ran.add(i);
        }, marks::add)));
        assertEquals(List.of(0, 1), ran);
        assertEquals(List.of(2), marks);
        WatchService.runFrom(marks.get(0), jobs(4), (job, i) -> ran.add(i), marks::add);
        assertEquals(List.of(0, 1, 2, 3), ran, "each job ran once");
    }

    @Test
    void aMarkThatCannotBeWrittenIsReportedWithTheJobsFailure() {
        IllegalStateException failure = new IllegalStateException("job failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> WatchService.runFrom(0, jobs(2),
                (job, i) -> {
                    throw failure;
                }, i -> {
                    throw new IllegalStateException("redis down");
                }));
        assertSame(failure, thrown);
        assertEquals("redis down", thrown.getSuppressed()[0].getMessage());
    }
}
