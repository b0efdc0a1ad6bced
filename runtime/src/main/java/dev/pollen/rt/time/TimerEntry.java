package dev.pollen.rt.time;

/**
 * A timer as the {@link TimerWheel} sees it: its deadline tick and the two links of its slot
 * list, kept in the timer itself (no node object per timer). {@link Sleep} is the one real
 * subclass. Fields are guarded by the lock of the wheel's owner. Not API.
 */
public abstract class TimerEntry {

    /** Previous entry in the slot (or overflow) list; null for the first. */
    TimerEntry prev;
    /** Next entry in the slot list; null for the last. Also chains the entries a wheel fired. */
    TimerEntry next;
    /**
     * While in the wheel: the deadline in ticks (ms since the driver started). Subclasses use
     * it for their own purpose outside the wheel (a {@link Sleep} keeps its duration there
     * until it starts).
     */
    long deadline;

    /** For subclasses only. */
    protected TimerEntry() {}
}
