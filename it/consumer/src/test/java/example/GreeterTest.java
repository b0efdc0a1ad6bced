package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Clock;
import dev.pollen.Executor;
import dev.pollen.Reactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreeterTest {
    @Test
    void greetsEveryoneThroughTheGeneratedMachines() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            String out = Executor.blockOn(GreeterAsync.greetAll(new Greeter(reactor), List.of("ada", "bob")));
            assertEquals("hello ada; | hello bob; | ", out);
        }
    }
}
