package example;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Reactor;
import java.time.Duration;
import java.util.List;

/** A user's class: @Async methods awaiting timers and each other. */
public class Greeter {
    private final Reactor reactor;

    public Greeter(Reactor reactor) {
        this.reactor = reactor;
    }

    @Async
    public String greet(String name) {
        await(reactor.sleep(Duration.ofMillis(10)));
        return "hello " + name;
    }

    @Async
    public String greetAll(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            try {
                out.append(await(GreeterAsync.greet(this, name))).append("; ");
            } finally {
                out.append("| ");
            }
        }
        return out.toString();
    }
}
