package io.ept.monitor;

import java.util.Objects;

/**
 * Why a fabric subscriber ended and what the supervision does about it (ept-reference 1.6, 7.3): the kind decides,
 * the description goes into the fabric's event log.
 */
public record StopReason(Kind kind, String description) {

    public enum Kind {
        /**
         * A failure a restart may cure (APIC unreachable, websocket not reopened after its tries, heartbeat):
         * restarted after the suppression period.
         */
        FAILURE,
        /** The fabric changed so that the mirror must be rebuilt (leaf active, vPC pair type): restarted without waiting. */
        REBUILD,
        /** The APIC refused the login: final, unless these credentials worked before on this node (AAA briefly down). */
        LOGIN_REFUSED,
        /** Restarting cannot help (rights, APIC version, changed certificate, bad settings). */
        PERMANENT
    }

    public StopReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    public static StopReason failure(String description) {
        return new StopReason(Kind.FAILURE, description);
    }

    /** The description keeps the "restart: " wording operators know from the event log. */
    public static StopReason rebuild(String why) {
        return new StopReason(Kind.REBUILD, "restart: " + why);
    }

    public static StopReason loginRefused(String description) {
        return new StopReason(Kind.LOGIN_REFUSED, description);
    }

    public static StopReason permanent(String description) {
        return new StopReason(Kind.PERMANENT, description);
    }

    /** Whether restarting may help: a refused login only when the APIC accepted these credentials before. */
    public boolean restartable(boolean loginAcceptedBefore) {
        return switch (kind) {
            case FAILURE, REBUILD -> true;
            case LOGIN_REFUSED -> loginAcceptedBefore;
            case PERMANENT -> false;
        };
    }

    /** A rebuild is restarted at the next supervision tick, without waiting for the restart suppression period. */
    public boolean restartsAtOnce() {
        return kind == Kind.REBUILD;
    }
}
