package dev.pollen.rt.time;

/**
 * A clock that moves only when told: {@code Clock.virtual()} implements it, so that a
 * {@link TimeDriver} (or a {@code Reactor}) can jump it to its next timer. Not API.
 */
public interface PausedClock {

    /** Moves the time forward to {@code nanos}; never backwards. */
    void advanceTo(long nanos);
}
