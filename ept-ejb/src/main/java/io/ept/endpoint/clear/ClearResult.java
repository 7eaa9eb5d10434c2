package io.ept.endpoint.clear;

/** Outcome of clearing one node: success, or the error text. */
public record ClearResult(int node, boolean success, String error) {
    public static ClearResult ok(int node) {
        return new ClearResult(node, true, "");
    }

    public static ClearResult failed(int node, String error) {
        return new ClearResult(node, false, error);
    }
}
