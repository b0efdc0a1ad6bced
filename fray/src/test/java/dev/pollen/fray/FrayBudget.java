package dev.pollen.fray;

/** How hard the Fray tests search; see fray/README.md for the time this costs. */
public final class FrayBudget {

    /** Interleavings explored per test (Fray's POS scheduler, a fresh random walk each). */
    public static final int ITERATIONS = 1000;

    private FrayBudget() {}
}
