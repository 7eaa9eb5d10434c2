package io.ept.watch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a watch batch runs its jobs and resumes after a failed one ({@link WatchService#runFrom}). */
class WatchBatchRunTest {

    private static final java.util.function.IntPredicate ALONE = i -> false;

    @Test
    void aFailedJobIsMarkedAndTheRedeliveryResumesWithIt() {
        List<Integer> ran = new ArrayList<>();
        List<Integer> marks = new ArrayList<>();
        boolean[] failOnce = {true};
        IllegalStateException failure = new IllegalStateException("store down");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> WatchService.runFrom(0, 4, ALONE, (from, to) -> {
            if (from == 2 && failOnce[0]) {
                failOnce[0] = false;
                throw failure;
            }
            ran.add(from);
        }, marks::add)));
        assertEquals(List.of(0, 1), ran);
        assertEquals(List.of(2), marks);
        WatchService.runFrom(marks.get(0), 4, ALONE, (from, to) -> ran.add(from), marks::add);
        assertEquals(List.of(0, 1, 2, 3), ran, "each job ran once");
    }

    @Test
    void consecutiveJobsThatRunTogetherMakeOneRunAndTheOthersRunAlone() {
        Set<Integer> together = Set.of(0, 1, 2, 4, 6, 7);
        List<String> runs = new ArrayList<>();
        WatchService.runFrom(0, 8, together::contains, (from, to) -> runs.add(from + "-" + to), i -> {
        });
        assertEquals(List.of("0-3", "3-4", "4-5", "5-6", "6-8"), runs);
        runs.clear();
        WatchService.runFrom(1, 8, together::contains, (from, to) -> runs.add(from + "-" + to), i -> {
        });
        assertEquals(List.of("1-3", "3-4", "4-5", "5-6", "6-8"), runs, "a resumed batch starts its run at the mark");
    }

    @Test
    void aRunThatFailsPartwayMarksTheJobThatFailed() {
        IllegalStateException failure = new IllegalStateException("scheduler down");
        List<Integer> marks = new ArrayList<>();
        assertSame(failure, assertThrows(IllegalStateException.class, () -> WatchService.runFrom(0, 5, i -> true,
                (from, to) -> {
                    throw new WatchService.JobFailed(3, failure);
                }, marks::add)));
        assertEquals(List.of(3), marks, "jobs 0-2 of the run are done");
        marks.clear();
        IllegalStateException early = new IllegalStateException("finding log down");
        assertSame(early, assertThrows(IllegalStateException.class, () -> WatchService.runFrom(1, 5, i -> true,
                (from, to) -> {
                    throw early;
                }, marks::add)));
        assertEquals(List.of(1), marks, "a run that failed before any of its jobs resumes at its first");
    }

    @Test
    void aMarkThatCannotBeWrittenIsReportedWithTheJobsFailure() {
        IllegalStateException failure = new IllegalStateException("job failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> WatchService.runFrom(0, 2, ALONE,
                (from, to) -> {
                    throw failure;
                }, i -> {
                    throw new IllegalStateException("redis down");
                }));
        assertSame(failure, thrown);
        assertEquals("redis down", thrown.getSuppressed()[0].getMessage());
    }
}
