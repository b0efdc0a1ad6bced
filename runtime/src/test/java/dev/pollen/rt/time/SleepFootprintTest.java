package dev.pollen.rt.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;

/**
 * A pending timer costs one Sleep and nothing else (no node, no array slot): its instance size,
 * as laid out by this JVM, stays within budget (issue 12: at most 100 bytes per task suspended
 * on a timer, of which the task cell and the machine take about 80).
 */
class SleepFootprintTest {

    @Test
    void aSleepIsAtMost40Bytes() {
        ClassLayout layout = ClassLayout.parseClass(Sleep.class);
        System.out.println(layout.toPrintable());
        assertTrue(layout.instanceSize() <= 40, layout.toPrintable());
    }
}
