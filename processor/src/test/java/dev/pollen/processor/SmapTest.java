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
        assertEquals("the source file name \"\" cannot be written in a source map", assertThrows(IllegalArgumentException.class,
                () -> Smap.of("A.java", "", "p.B", new int[] {3, 1, 8, 1})).getMessage());
    }
}
