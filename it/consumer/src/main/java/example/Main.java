package example;

import dev.pollen.Executor;
import dev.pollen.Reactor;
import java.util.List;

/** Prints the greetings; scripts/check-incremental.sh checks them after each rebuild. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try (Reactor reactor = new Reactor()) {
            System.out.println(Executor.blockOn(GreeterAsync.greetAll(new Greeter(reactor), List.of("ada", "bob"))));
        }
    }
}
