package dev.pollen.rt.time;

/**
 * A hierarchical timing wheel (tokio's {@code runtime/time/wheel}): 6 levels of 64 slots, one
 * tick per slot at level 0 and 64 times more per slot at each level up, so it spans
 * {@link #RANGE} = 2^36 ticks. Insert, remove and firing an entry are O(1); an entry moves down
 * (cascades) at most 5 times on its way to level 0. Deadlines {@code RANGE} or more ticks ahead
 * wait in an overflow list and are filed into the levels once in range. See the package
 * documentation for the layout. Not thread-safe: its owner's lock guards it. Not API.
 */
final class TimerWheel {

    static final int LEVELS = 6;
    static final int SLOTS = 64;
    private static final int SLOT_BITS = 6;
    /** Ticks the levels span from {@link #elapsed}: 64^6. */
    static final long RANGE = 1L << (LEVELS * SLOT_BITS);

    /** The tick up to which every due entry has been fired. Only moves forward. */
    private long elapsed;
    private int size;
    /** Bit s of occupied[l] is set iff slot s of level l holds an entry. */
    private final long[] occupied = new long[LEVELS];
    /**
     * First and last entry of slot (level * SLOTS + slot): FIFO, so ties fire in insertion order.
     * Made at the first insert: a runtime that never sleeps (every {@code Executor.blockOn}
     * makes one) does not pay for them.
     */
    private TimerEntry[] heads;
    private TimerEntry[] tails;
    /** Entries too far ahead for the levels, unordered. */
    private TimerEntry overflowHead;
    /** No overflow entry comes into range before this tick (a lower bound: cancels don't raise it). */
    private long overflowCheck = Long.MAX_VALUE;

    long elapsed() {
        return elapsed;
    }

    /** Entries inserted and neither removed nor fired. */
    int size() {
        return size;
    }

    /**
     * Files {@code e} to fire at tick {@code when}. Returns false, and does not file it, when
     * {@code when} is not after {@link #elapsed}: the entry is due already.
     */
    boolean insert(TimerEntry e, long when) {
        if (when <= elapsed) {
            return false;
        }
        e.deadline = when;
        size++;
        file(e);
        return true;
    }

    /** Unlinks {@code e}, which must be in this wheel (inserted, not yet removed or fired). */
    void remove(TimerEntry e) {
        size--;
        if (e.deadline - elapsed >= RANGE) {
            unlinkOverflow(e);
        } else {
            unlink(e, index(level(elapsed, e.deadline), e.deadline));
        }
    }

    /**
     * The earliest tick at which {@link #advance} has work: a level-0 deadline, the start of a
     * higher slot to cascade, or the overflow check; {@code Long.MAX_VALUE} when empty. Never
     * later than the earliest deadline.
     */
    long nextExpiration() {
        return Math.min(levelExpiration(), overflowCheck);
    }

    /**
     * Moves time to tick {@code now} (ignored if not later than {@link #elapsed}) and returns the
     * entries due by then, chained through {@link TimerEntry#next} (null if none), in deadline
     * order, ties in insertion order. They are no longer in the wheel.
     */
    TimerEntry advance(long now) {
        TimerEntry firstDue = null;
        TimerEntry lastDue = null;
        for (;;) {
            long slotStart = levelExpiration();
            TimerEntry taken;
            if (slotStart <= now && slotStart <= overflowCheck) {
                taken = takeSlot(slotStart);
            } else if (overflowCheck <= now) {
                // after the slots starting at or before it, so that no slot starts at elapsed
                elapsed = overflowCheck;
                taken = takeOverflow();
            } else {
                break;
            }
            while (taken != null) {
                TimerEntry e = taken;
                taken = e.next;
                e.prev = null;
                e.next = null;
                if (e.deadline <= elapsed) {
                    size--;
                    if (lastDue == null) {
                        firstDue = e;
                    } else {
                        lastDue.next = e;
                    }
                    lastDue = e;
                } else {
                    file(e);            // cascade to a lower level (or back to the overflow)
                }
            }
        }
        if (now > elapsed) {
            elapsed = now;
        }
        return firstDue;
    }

    /** Moves elapsed to {@code start}, where the first occupied slot begins, and empties that slot. */
    private TimerEntry takeSlot(long start) {
        int level = firstOccupiedLevel();
        elapsed = start;
        int index = index(level, start);
        TimerEntry taken = heads[index];
        heads[index] = null;
        tails[index] = null;
        occupied[level] &= ~(1L << (index & (SLOTS - 1)));
        return taken;
    }

    /** Removes every entry and returns them chained through {@link TimerEntry#next}. */
    TimerEntry drain() {
        TimerEntry all = takeOverflow();
        for (int level = 0; level < LEVELS; level++) {
            // only the occupied slots: a runtime closes its driver at every shutdown
            for (long slots = occupied[level]; slots != 0; slots &= slots - 1) {
                int index = level * SLOTS + Long.numberOfTrailingZeros(slots);
                TimerEntry e = heads[index];
                while (e != null) {
                    TimerEntry following = e.next;
                    e.prev = null;
                    e.next = all;
                    all = e;
                    e = following;
                }
                heads[index] = null;
                tails[index] = null;
            }
            occupied[level] = 0;
        }
        size = 0;
        return all;
    }

    /** For tests: no slot holds an entry and the overflow list is empty. */
    boolean isStructurallyEmpty() {
        for (TimerEntry h : heads == null ? new TimerEntry[0] : heads) {
            if (h != null) {
                return false;
            }
        }
        for (long bits : occupied) {
            if (bits != 0) {
                return false;
            }
        }
        return overflowHead == null;
    }

    private void file(TimerEntry e) {
        if (e.deadline - elapsed >= RANGE) {
            e.next = overflowHead;
            if (overflowHead != null) {
                overflowHead.prev = e;
            }
            overflowHead = e;
            overflowCheck = Math.min(overflowCheck, e.deadline - RANGE + 1);
            return;
        }
        if (heads == null) {
            heads = new TimerEntry[LEVELS * SLOTS];
            tails = new TimerEntry[LEVELS * SLOTS];
        }
        int level = level(elapsed, e.deadline);
        int index = index(level, e.deadline);
        TimerEntry tail = tails[index];
        e.prev = tail;
        if (tail == null) {
            heads[index] = e;
            occupied[level] |= 1L << (index & (SLOTS - 1));
        } else {
            tail.next = e;
        }
        tails[index] = e;
    }

    private void unlink(TimerEntry e, int index) {
        if (e.prev == null) {
            heads[index] = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tails[index] = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        if (heads[index] == null) {
            occupied[index / SLOTS] &= ~(1L << (index & (SLOTS - 1)));
        }
        e.prev = null;
        e.next = null;
    }

    private void unlinkOverflow(TimerEntry e) {
        if (e.prev == null) {
            overflowHead = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        if (overflowHead == null) {
            overflowCheck = Long.MAX_VALUE;
        }
    }

    /** Takes the whole overflow list (chained through next); the caller re-files or drains it. */
    private TimerEntry takeOverflow() {
        TimerEntry all = overflowHead;
        overflowHead = null;
        overflowCheck = Long.MAX_VALUE;
        return all;
    }

    private int firstOccupiedLevel() {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return level;
            }
        }
        return -1;
    }

    /**
     * The start of the first occupied slot of the lowest occupied level; Long.MAX_VALUE if
     * none. A lower level's slots all begin before any slot of a higher level.
     */
    private long levelExpiration() {
        int level = firstOccupiedLevel();
        return level < 0 ? Long.MAX_VALUE : slotExpiration(level);
    }

    /**
     * The tick at which the first occupied slot of {@code level} after {@link #elapsed}'s slot
     * begins (level 0: the deadline itself); wraps to the next turn of the level.
     */
    private long slotExpiration(int level) {
        int shift = level * SLOT_BITS;
        // Search from the slot after elapsed's: elapsed's own slot can only hold entries of the
        // top level's next turn (deadlines past a 2^36 boundary), which come last.
        int from = (int) ((elapsed >>> shift) + 1) & (SLOTS - 1);
        int slot = (Long.numberOfTrailingZeros(Long.rotateRight(occupied[level], from)) + from)
                & (SLOTS - 1);
        long levelSpan = 1L << (shift + SLOT_BITS);
        long start = (elapsed & -levelSpan) + ((long) slot << shift);
        return start <= elapsed ? start + levelSpan : start;
    }

    /**
     * The level for a deadline: that of the highest bit in which it differs from
     * {@code elapsed} (each level covers 6 bits), as tokio's {@code level_for}. An entry stays
     * at the level computed at filing until its slot is taken, because elapsed does not pass
     * the start of that slot without taking it.
     */
    static int level(long elapsed, long when) {
        long masked = (elapsed ^ when) | (SLOTS - 1);
        if (masked >= RANGE) {
            masked = RANGE - 1;
        }
        return (63 - Long.numberOfLeadingZeros(masked)) / SLOT_BITS;
    }

    private static int index(int level, long when) {
        return level * SLOTS + (int) ((when >>> (level * SLOT_BITS)) & (SLOTS - 1));
    }
}
