package io.ept.analysis.model;

/** One entry of ept.move.events. */
public record MoveRecord(MoveEvent src, MoveEvent dst) {

    /** Duplicate of a stored move: identical src and dst locations. */
    public boolean isDuplicateOf(MoveRecord other) {
        return other != null && src.sameLocation(other.src) && dst.sameLocation(other.dst);
    }
}
