package io.ept.apic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Reads a paged query with the next pages fetched and decoded on other threads while the caller handles the current
 * one. The caller still gets every page whole and in page order, so whatever depends on the order of the objects (an
 * endpoint's records reaching its worker in the APIC's order) is as with one thread. At most {@code ahead} pages
 * beyond the one being handled are requested or wait decoded, so memory stays bounded when the caller is slow (a
 * build that waits for its workers). The first page says how many there are (totalCount); without one, each page
 * is requested after the previous one, as a plain read does.
 */
public final class PageReadAhead {

    /** Fetches and decodes one page (numbered from 0); runs on a read-ahead thread. */
    public interface PageSource<T> {
        ApicSession.Page<T> read(int page);
    }

    private final ThreadFactory threads;
    private final int ahead;

    public PageReadAhead(ThreadFactory threads, int ahead) {
        if (ahead < 1) {
            throw new IllegalArgumentException("pages read ahead must be at least 1, got " + ahead);
        }
        this.threads = threads;
        this.ahead = ahead;
    }

    /**
     * Reads pages until the last one ({@link ApicSession.Page#last}) and hands each to {@code handle} on the calling
     * thread; returns how many objects were read. A failure of a page (or of {@code handle}) ends the read with that
     * failure, and the pages still in flight are abandoned.
     */
    public <T> long read(PageSource<T> source, int pageSize, Consumer<List<T>> handle) {
        ExecutorService pool = Executors.newFixedThreadPool(ahead, threads);
        Map<Integer, Future<ApicSession.Page<T>>> requested = new HashMap<>();
        try {
            long received = 0;
            long lastKnownPage = 0;
            for (int page = 0; ; page++) {
                long through = Math.max(page, Math.min(lastKnownPage, page + ahead));
                for (int next = page; next <= through; next++) {
                    int number = next;
                    requested.computeIfAbsent(number, n -> pool.submit(() -> source.read(number)));
                }
                ApicSession.Page<T> current = await(requested.remove(page));
                if (page == 0 && current.totalCount() > 0 && current.items().size() >= pageSize) {
                    lastKnownPage = (current.totalCount() - 1) / pageSize;
                    for (int next = 1; next <= Math.min(lastKnownPage, ahead); next++) {
                        int number = next;
                        requested.put(number, pool.submit(() -> source.read(number)));
                    }
                }
                handle.accept(current.items());
                received += current.items().size();
                if (current.last(pageSize, received)) {
                    return received;
                }
            }
        } finally {
            requested.values().forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApicException(0, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
