package example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Clock;
import dev.pollen.Executor;
import dev.pollen.Reactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreeterTest {
    @Test
    void runsAsANamedModuleReadingPollenFromTheModulePath() {
        assertEquals("example.modular", Greeter.class.getModule().getName());
        assertEquals("dev.pollen", Reactor.class.getModule().getName());
        assertTrue(GreeterAsync.class.getModule().isNamed(), "the generated facade is part of the module");
    }

    @Test
    void greetsEveryoneThroughTheGeneratedMachines() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            String out = Executor.blockOn(GreeterAsync.greetAll(new Greeter(reactor), List.of("ada", "bob")));
            assertEquals("ada#1 bob#2", out);
        }
    }
}
