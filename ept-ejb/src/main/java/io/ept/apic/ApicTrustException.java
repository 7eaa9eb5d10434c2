package io.ept.apic;

/** The APIC presented a certificate other than the pinned one: not retried, an admin must accept it. */
public final class ApicTrustException extends ApicException {
    private final TrustMismatch mismatch;

    public ApicTrustException(TrustMismatch mismatch) {
        super(0, mismatch.message());
        this.mismatch = mismatch;
    }

    public TrustMismatch mismatch() {
        return mismatch;
    }
}
