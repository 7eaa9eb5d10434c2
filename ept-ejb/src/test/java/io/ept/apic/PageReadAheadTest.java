package io.ept.apic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageReadAheadTest {

    /** Pages of consecutive numbers, the later ones answered faster (they finish first). */
    private static final class NumberPages implements PageReadAhead.PageSource<Integer> {
        final int total;
        final int pageSize;
        final boolean withTotal;
        final List<Integer> requested = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger handling = new AtomicInteger(-1);
        final AtomicInteger maxAheadOfHandled = new AtomicInteger();

        NumberPages(int total, int pageSize, boolean withTotal) {
            this.total = total;
            this.pageSize = pageSize;
            this.withTotal = withTotal;
        }

        @Override
        public ApicSession.Page<Integer> read(int page) {
            requested.add(page);
            maxAheadOfHandled.accumulateAndGet(page - handling.get(), Math::max);
            // earlier pages take longer, so they finish after the ones read ahead: a reader that handed pages over
            // as they complete would reorder them (the assertions hold whatever the timing; the delay makes the
            // out-of-order completion happen)
            sleep(Math.max(0, 30 - 10 * page));
            int from = Math.min(total, page * pageSize);
            int to = Math.min(total, from + pageSize);
            return new ApicSession.Page<>(IntStream.range(from, to).boxed().toList(), withTotal ? total : -1);
        }
    }

    @Test
    void handsOverEveryPageInOrderWhileLaterPagesAreReadAhead() {
        NumberPages source = new NumberPages(1003, 100, true);
        List<Integer> handled = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        long read = new PageReadAhead(Executors.defaultThreadFactory(), 2).read(source, 100, page -> {
            source.handling.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            handled.addAll(page);
            sleep(20); // a slow caller: the pages ahead must wait, not pile up
        });
        assertEquals(1003, read);
        assertEquals(IntStream.range(0, 1003).boxed().toList(), handled);
        assertEquals(IntStream.range(0, 11).boxed().toList(), source.requested.stream().sorted().toList(),
                "each page requested once, none past the last");
        assertTrue(source.maxAheadOfHandled.get() <= 3, "at most 2 pages beyond the one handled, got "
                + source.maxAheadOfHandled.get());
        assertTrue(threads.stream().allMatch(Thread.currentThread().getName()::equals), "handled on the caller's thread");
    }

    @Test
    void withoutATotalCountEachPageIsRequestedAfterThePreviousOne() {
        NumberPages source = new NumberPages(250, 100, false);
        List<Integer> handled = new ArrayList<>();
        long read = new PageReadAhead(Executors.defaultThreadFactory(), 2).read(source, 100, page -> {
            assertEquals(source.requested.size() - 1, handled.size() / 100, "no page requested ahead");
            handled.addAll(page);
        });
        assertEquals(250, read);
        assertEquals(IntStream.range(0, 250).boxed().toList(), handled);
        assertEquals(List.of(0, 1, 2), source.requested);
    }

    @Test
    void aFullLastPageEndsTheReadOnceTheTotalIsReached() {
        NumberPages source = new NumberPages(300, 100, true);
        List<Integer> handled = new ArrayList<>();
        assertEquals(300, new PageReadAhead(Executors.defaultThreadFactory(), 4).read(source, 100, handled::addAll));
        assertEquals(300, handled.size());
        assertEquals(List.of(0, 1, 2), source.requested.stream().sorted().toList());
    }

    @Test
    void aFailedPageEndsTheReadWithItsFailureAfterThePagesBeforeIt() {
        ApicException busy = new ApicException(503, "busy");
        List<Integer> handledPages = new ArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        PageReadAhead.PageSource<Integer> source = page -> {
            threads.add(Thread.currentThread());
            if (page == 3) {
                throw busy;
            }
            return new ApicSession.Page<>(Collections.nCopies(10, page), 100);
        };
        ApicException thrown = assertThrows(ApicException.class, () -> new PageReadAhead(
                Executors.defaultThreadFactory(), 2).read(source, 10, page -> handledPages.add(page.get(0))));
        assertSame(busy, thrown);
        assertEquals(List.of(0, 1, 2), handledPages);
        for (Thread t : threads) {
            awaitEnd(t);
        }
    }

    @Test
    void needsAtLeastOnePageAhead() {
        assertThrows(IllegalArgumentException.class, () -> new PageReadAhead(Executors.defaultThreadFactory(), 0));
    }

    private static void awaitEnd(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(!thread.isAlive(), "read-ahead thread " + thread.getName() + " still runs after the read ended");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
