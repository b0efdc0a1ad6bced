package dev.pollen.rt.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pollen.internal.MachineInfo;
import org.junit.jupiter.api.Test;

class MachineInfosTest {
    @MachineInfo(version = 1, source = "Demo.java", declaringClass = "p.Outer$Demo", method = "fetch", line = 10,
            states = {10, 12, 12, 14}, awaits = {2}, fields = {"page_2", "tries"}, locals = {"page", "tries"},
            lines = {11, 3, 40, 1, 12, 1, 50, 6, 14, 1, 60, 1})
    static final class Annotated {}

    @MachineInfo(version = 2, source = "Demo.java", declaringClass = "p.Demo", method = "fetch", line = 10,
            states = {}, awaits = {}, fields = {}, locals = {}, lines = {})
    static final class FromTheFuture {}

    @Test
    void mapsGeneratedLinesThroughTheQuadruples() {
        MachineInfos.Info info = MachineInfos.of(Annotated.class);
        assertEquals(11, info.userLine(40));
        assertEquals(13, info.userLine(42));
        assertEquals(0, info.userLine(43), "a bookkeeping line has no user line");
        assertEquals(12, info.userLine(50));
        assertEquals(12, info.userLine(55), "an await's expansion is all the await's line");
        assertEquals(0, info.userLine(56));
        assertEquals(14, info.userLine(60));
    }

    @Test
    void namesStatesLocalsAndFrames() {
        MachineInfos.Info info = MachineInfos.of(Annotated.class);
        assertEquals(12, info.stateLine(2));
        assertEquals(0, info.stateLine(4));
        assertTrue(info.isAwait(2));
        assertFalse(info.isAwait(1));
        assertEquals("page", info.localName("page_2"));
        assertEquals("Outer.Demo.fetch", info.methodName());
        assertEquals("p.Outer$Demo.fetch(Demo.java:12)", info.frame(12).toString());
    }

    @Test
    void ignoresAClassWithoutMetadataOrOfAnUnknownVersion() {
        assertNull(MachineInfos.of(String.class));
        assertNull(MachineInfos.of(FromTheFuture.class));
    }
}
