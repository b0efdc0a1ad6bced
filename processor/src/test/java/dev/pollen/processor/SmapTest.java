package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The SMAP text made from a {@code @MachineInfo} line map, exactly; and the maps JSR-45 cannot say. */
class SmapTest {
    @Test
    void oneStratumMadeTheDefaultOneFileAndTheQuadruplesInOrder() {
        assertEquals("""
                SMAP
                DemoAsync$fetch.java
                Pollen
                *S Pollen
                *F
                + 1 Demo.java
                dev/pollen/demo/Demo.java
                *L
                17#1,1:80,7
                18#1,2:88,1
                17#1,1:90,3
                *E
                """, Smap.of("DemoAsync$fetch.java", "Demo.java", "dev.pollen.demo.Demo$Inner",
                new int[] {17, 1, 80, 7, 18, 2, 88, 1, 17, 1, 90, 3}));
    }

    /** JDI makes each entry a breakpoint location of its own: a user line must not be split between two. */
    @Test
    void aUserLineOfAdjacentGeneratedLinesIsOneEntry() {
        assertEquals("""
                *L
                18#1,1:49,1
                19#1,1:50,8
                19#1,1:62,8
                20#1,2:70,1
                *E
                """, lineSection(Smap.of("DAsync$m.java", "D.java", "p.D",
                new int[] {18, 2, 49, 1, 19, 1, 51, 7, 19, 1, 62, 8, 20, 1, 70, 1, 21, 1, 71, 1})));
    }

    @Test
    void theDefaultPackageHasNoDirectory() {
        assertEquals("SMAP\nDAsync$m.java\nPollen\n*S Pollen\n*F\n+ 1 D.java\nD.java\n*L\n3#1,1:9,1\n*E\n",
                Smap.of("DAsync$m.java", "D.java", "D", new int[] {3, 1, 9, 1}));
    }

    @Test
    void mapsJsr45CannotSayAreRefusedWithAReason() {
        assertEquals("the line map has 3 numbers, not a positive multiple of 4", assertThrows(IllegalArgumentException.class,
                () -> Smap.of("A.java", "B.java", "p.B", new int[] {1, 1, 1})).getMessage());
        assertEquals("line map entry 1 {4, 0, 9, 1} has a number below 1", assertThrows(IllegalArgumentException.class,
                () -> Smap.of("A.java", "B.java", "p.B", new int[] {3, 1, 8, 1, 4, 0, 9, 1})).getMessage());
        assertEquals("generated line 9 is mapped twice", assertThrows(IllegalArgumentException.class,
                () -> Smap.of("A.java", "B.java", "p.B", new int[] {3, 1, 8, 2, 4, 1, 9, 1})).getMessage());
        assertEquals("line map entry 0 spans more than 1048576 lines", assertThrows(IllegalArgumentException.class,
                () -> Smap.of("A.java", "B.java", "p.B", new int[] {3, 1 << 11, 8, 1 << 10})).getMessage());
        assertEquals("the source file name \"\" cannot be written in a source map", assertThrows(IllegalArgumentException.class,
                () -> Smap.of("A.java", "", "p.B", new int[] {3, 1, 8, 1})).getMessage());
    }

    private static String lineSection(String smap) {
        return smap.substring(smap.indexOf("*L\n"));
    }
}
