package io.ept.sim.query;

import io.ept.sim.model.MoView;

import java.util.List;

/** One page of a query: the total number of matches and the objects (with nested children when asked). */
public final class QueryResult {
    public final int totalCount;
    public final List<Item> items;

    public QueryResult(int totalCount, List<Item> items) {
        this.totalCount = totalCount;
        this.items = items;
    }

    /** An object and its nested children (rsp-subtree), children null when not requested. */
    public static final class Item {
        public final MoView mo;
        public final List<Item> children;

        public Item(MoView mo, List<Item> children) {
            this.mo = mo;
            this.children = children;
        }
    }
}
