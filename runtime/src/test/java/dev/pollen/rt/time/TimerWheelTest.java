package dev.pollen.rt.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimerWheelTest {

    /** A wheel entry with a name; seq orders ties in the model. */
    static final class Entry extends TimerEntry {
        final int id;
        long when;
        Entry(int id) {
            this.id = id;
        }
        @Override
        public String toString() {
            return "#" + id + "@" + when;
        }
    }

    private static List<Integer> ids(TimerEntry chain) {
        List<Integer> out = new ArrayList<>();
        for (TimerEntry e = chain; e != null; e = e.next) {
            out.add(((Entry) e).id);
        }
        return out;
    }

    private static Entry insert(TimerWheel wheel, int id, long when) {
        Entry e = new Entry(id);
        e.when = when;
        assertTrue(wheel.insert(e, when));
        return e;
    }

    @Test
    void firesAtItsTickNeverBefore() {
        TimerWheel wheel = new TimerWheel();
        insert(wheel, 1, 5);
        assertEquals(List.of(), ids(wheel.advance(4)));
        assertEquals(List.of(1), ids(wheel.advance(5)));
        assertEquals(0, wheel.size());
    }

    @Test
    void aDeadlineNotAfterElapsedIsRefusedAsDue() {
        TimerWheel wheel = new TimerWheel();
        wheel.advance(10);
        assertFalse(wheel.insert(new Entry(1), 10));
        assertFalse(wheel.insert(new Entry(2), 3));
        assertEquals(0, wheel.size());
        assertTrue(wheel.isStructurallyEmpty());
    }

    @Test
    void tiesInOneSlotFireInInsertionOrderAcrossCascades() {
        TimerWheel wheel = new TimerWheel();
        // 5000 sits at level 2 at first; 4999 and 5001 share its upper slots
        insert(wheel, 1, 5000);
        insert(wheel, 2, 4999);
        insert(wheel, 3, 5000);
        insert(wheel, 4, 5001);
        wheel.advance(4000);
        insert(wheel, 5, 5000);     // now nearer: a lower level, behind the cascaded ones
        assertEquals(List.of(2, 1, 3, 5, 4), ids(wheel.advance(6000)));
    }

    @Test
    void levelBoundariesAndTheirNeighbours() {
        TimerWheel wheel = new TimerWheel();
        List<Long> whens = new ArrayList<>();
        for (int level = 1; level < TimerWheel.LEVELS; level++) {
            long boundary = 1L << (6 * level);
            whens.add(boundary - 1);
            whens.add(boundary);
            whens.add(boundary + 1);
        }
        for (int i = 0; i < whens.size(); i++) {
            insert(wheel, i, whens.get(i));
        }
        for (int i = 0; i < whens.size(); i++) {
            long when = whens.get(i);
            assertTrue(wheel.nextExpiration() <= when);
            assertEquals(List.of(), ids(wheel.advance(when - 1)), "nothing before " + when);
            assertEquals(List.of(i), ids(wheel.advance(when)), "fires at " + when);
        }
        assertTrue(wheel.isStructurallyEmpty());
    }

    @Test
    void farFutureWaitsInTheOverflowAndFiresOnTime() {
        TimerWheel wheel = new TimerWheel();
        long far = 3 * TimerWheel.RANGE + 12_345;
        Entry farEntry = insert(wheel, 1, far);
        Entry cancelled = insert(wheel, 2, 5 * TimerWheel.RANGE);
        insert(wheel, 3, TimerWheel.RANGE - 1);     // the last tick the levels hold
        wheel.remove(cancelled);
        assertEquals(List.of(3), ids(wheel.advance(TimerWheel.RANGE - 1)));
        assertEquals(List.of(), ids(wheel.advance(far - 1)));
        assertEquals(List.of(1), ids(wheel.advance(far)));
        assertNull(farEntry.next);
        assertEquals(0, wheel.size());
        assertTrue(wheel.isStructurallyEmpty());
    }

    @Test
    void aTopLevelSlotOfTheNextTurnComesAfterLaterSlotsOfThisTurn() {
        TimerWheel wheel = new TimerWheel();
        long slot = 1L << 30;                       // one slot of the top level
        wheel.advance(4 * slot + 100);              // in top-level slot 4
        insert(wheel, 1, 5 * slot);                 // slot 5, this turn
        insert(wheel, 2, TimerWheel.RANGE + 4 * slot + 50);    // slot 4 again, next turn
        assertEquals(5 * slot, wheel.nextExpiration());
        assertEquals(List.of(1), ids(wheel.advance(5 * slot)));
        assertEquals(List.of(2), ids(wheel.advance(TimerWheel.RANGE + 4 * slot + 50)));
    }

    @Test
    void removeFromHeadMiddleAndTailOfASlot() {
        TimerWheel wheel = new TimerWheel();
        Entry a = insert(wheel, 1, 7);
        Entry b = insert(wheel, 2, 7);
        Entry c = insert(wheel, 3, 7);
        Entry d = insert(wheel, 4, 7);
        wheel.remove(b);
        wheel.remove(a);
        wheel.remove(d);
        assertEquals(List.of(3), ids(wheel.advance(100)));
        assertTrue(wheel.isStructurallyEmpty());
        assertNull(c.prev);
    }

    @Test
    void aMillionTimersInsertedAndCancelledLeaveNothing() {
        TimerWheel wheel = new TimerWheel();
        Random random = new Random(1);
        Entry[] entries = new Entry[1_000_000];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = insert(wheel, i, 1 + (random.nextLong() & (2 * TimerWheel.RANGE - 1)));
        }
        assertEquals(entries.length, wheel.size());
        for (int i = entries.length - 1; i >= 0; i -= 2) {
            wheel.remove(entries[i]);
        }
        for (int i = 0; i < entries.length; i += 2) {
            wheel.remove(entries[i]);
        }
        assertEquals(0, wheel.size());
        assertTrue(wheel.isStructurallyEmpty(), "every slot and the overflow list empty");
        assertEquals(Long.MAX_VALUE, wheel.nextExpiration());
        assertEquals(List.of(), ids(wheel.advance(Long.MAX_VALUE / 2)));
    }

    /**
     * Random insert / cancel / advance sequences against a sorted set ordered by (deadline,
     * insertion): every advance fires exactly the model's due entries in the model's order, and
     * nextExpiration is never after the earliest deadline.
     */
    @Test
    void behavesAsASortedSetUnderRandomOperations() {
        for (long seed = 0; seed < 40; seed++) {
            runModel(seed, 5_000);
        }
    }

    private static void runModel(long seed, int operations) {
        Random random = new Random(seed);
        TimerWheel wheel = new TimerWheel();
        Comparator<Entry> order = Comparator.<Entry>comparingLong(e -> e.when).thenComparingInt(e -> e.id);
        TreeSet<Entry> model = new TreeSet<>(order);
        List<Entry> live = new ArrayList<>();
        long now = 0;
        int nextId = 0;
        for (int op = 0; op < operations; op++) {
            int kind = random.nextInt(10);
            String where = "seed " + seed + " op " + op;
            if (kind < 5) {
                long when = now + delay(random);
                Entry e = new Entry(nextId++);
                e.when = when;
                boolean filed = wheel.insert(e, when);
                assertEquals(when > now, filed, where);
                if (filed) {
                    model.add(e);
                    live.add(e);
                }
            } else if (kind < 7 && !live.isEmpty()) {
                Entry e = live.remove(random.nextInt(live.size()));
                wheel.remove(e);
                model.remove(e);
            } else {
                if (!model.isEmpty()) {
                    assertTrue(wheel.nextExpiration() <= model.first().when, where);
                }
                long target = random.nextInt(4) == 0 && !model.isEmpty()
                        ? Math.max(now, wheel.nextExpiration())
                        : now + delay(random);
                List<Integer> expected = new ArrayList<>();
                while (!model.isEmpty() && model.first().when <= target) {
                    Entry e = model.pollFirst();
                    expected.add(e.id);
                    live.remove(e);
                }
                assertEquals(expected, ids(wheel.advance(target)), where);
                now = Math.max(now, target);
            }
            assertEquals(model.size(), wheel.size(), "seed " + seed + " op " + op);
        }
        assertEquals(ids(null), ids(wheel.advance(now)));
        for (Entry e : live) {
            wheel.remove(e);
        }
        assertTrue(wheel.isStructurallyEmpty(), "seed " + seed);
    }

    /** Delays of every scale: same tick, level boundaries, up to past the wheel's range. */
    private static long delay(Random random) {
        switch (random.nextInt(6)) {
            case 0: return random.nextInt(3);
            case 1: return random.nextInt(70);
            case 2: return (1L << (6 * (1 + random.nextInt(5)))) + random.nextInt(3) - 1;
            case 3: return random.nextInt(300_000);
            case 4: return random.nextLong() & (TimerWheel.RANGE - 1);
            default: return TimerWheel.RANGE - 2 + (random.nextLong() & (2 * TimerWheel.RANGE - 1));
        }
    }
}
