package io.ept.analysis.model;

import java.util.ArrayList;
import java.util.List;

/** Newest-first event lists, like Mongo's {@code $push {$each:[e], $position:0, $slice:cap}}. */
public final class CappedList {
    private CappedList() {
    }

    public static <T> List<T> pushFront(List<T> events, T event, int cap) {
        int size = Math.min(events.size() + 1, Math.max(cap, 1));
        List<T> out = new ArrayList<>(size);
        out.add(event);
        for (int i = 0; out.size() < size; i++) {
            out.add(events.get(i));
        }
        return List.copyOf(out);
    }

    public static <T> List<T> replaceFront(List<T> events, T event) {
        List<T> out = new ArrayList<>(events);
        out.set(0, event);
        return List.copyOf(out);
    }
}
