package example.modular;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Reactor;
import example.modular.api.Greeting;
import java.time.Duration;
import java.util.List;

/** A class of a named module: @Async methods awaiting timers and each other, with private state. */
public class Greeter {
    private final Reactor reactor;
    private int greeted;

    public Greeter(Reactor reactor) {
        this.reactor = reactor;
    }

    @Async
    public Greeting greet(String name) {
        await(reactor.sleep(Duration.ofMillis(10)));
        return new Greeting(name, ++greeted);
    }

    @Async
    public String greetAll(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Greeting g = await(GreeterAsync.greet(this, name));
            out.append(g.name()).append('#').append(g.count()).append(' ');
        }
        return out.toString().trim();
    }
}
