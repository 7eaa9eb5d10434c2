package io.ept.bench.soak;

/** The faults the soak injects, in the order of the table. */
enum FaultKind {
    WEBSOCKET_DROP("websocket drop"),
    TOKEN_EXPIRY("token expiry"),
    APIC_503("APIC 503 burst (5 s)"),
    APIC_429("APIC 429 burst (5 s)"),
    REFUSED_LOGIN("refused logins (10 s) + drop"),
    MALFORMED_FRAMES("malformed/truncated frames"),
    OVERSIZED_FRAME("oversized frame (9 MB)"),
    REDIS_KILL("kill -9 redis-server"),
    WILDFLY_KILL("kill -9 WildFly JVM + restart");

    final String label;

    FaultKind(String label) {
        this.label = label;
    }

    /** How often the kind is injected in a run of {@code minutes} (smoke: fewer). */
    int count(int minutes, boolean smoke) {
        if (smoke) {
            return switch (this) {
                case WEBSOCKET_DROP -> 4;
                case MALFORMED_FRAMES -> 2;
                case WILDFLY_KILL -> 0;
                default -> 1;
            };
        }
        return switch (this) {
            case WEBSOCKET_DROP -> 10 * minutes;
            case TOKEN_EXPIRY -> minutes;
            case APIC_503, APIC_429 -> Math.max(1, minutes / 2);
            case REFUSED_LOGIN, OVERSIZED_FRAME -> Math.max(1, minutes / 3);
            case MALFORMED_FRAMES -> 2 * minutes; // batches of 500 frames: 10,000 in ten minutes
            case REDIS_KILL -> 3;
            case WILDFLY_KILL -> 2;
        };
    }

    /** Frames per injection of the frame faults (malformed: half of them truncated records). */
    int frames(boolean smoke) {
        return this == MALFORMED_FRAMES ? (smoke ? 250 : 500) : 1;
    }
}
