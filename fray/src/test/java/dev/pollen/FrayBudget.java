package dev.pollen;

/** How hard the Fray tests search; see fray/README.md for the time this costs. */
final class FrayBudget {

    /** Interleavings explored per test (Fray's POS scheduler, a fresh random walk each). */
    static final int ITERATIONS = 1000;

    private FrayBudget() {}
}
