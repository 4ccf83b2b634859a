package org.lianxin.web.cluster;

/**
 * A write made under a lease was refused: the lease expired, was released, or another instance took it (its epoch
 * moved on) — a paused-then-resumed old holder writes nothing. Nothing of the write was stored.
 */
public final class LeaseLostException extends RuntimeException {
    private final transient Lease lease;

    LeaseLostException(Lease lease) {
        super("lease " + lease.name() + " (epoch " + lease.epoch() + ", holder " + lease.holder()
                + ") is no longer held: the write was refused");
        this.lease = lease;
    }

    /** A stable name of the refusal, like the modules' exceptions. */
    public String rule() {
        return "lease-lost";
    }

    public Lease lease() {
        return lease;
    }
}
