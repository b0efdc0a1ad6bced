package dev.pollen.demo;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.TaskScope;
import dev.pollen.channel.Channel;
import dev.pollen.debug.Tasks;
import dev.pollen.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A program that prints a dump of its own tasks while they are in flight: a shop whose root
 * task spawned a restocking task (asleep two methods deep), a packer waiting for an order on a
 * channel, and a delivery whose {@code TaskScope} runs two couriers. On a paused clock, so the
 * dump is the same at every run. Run it with
 * {@code mvn -q -pl demo exec:java -Dexec.mainClass=dev.pollen.demo.Inspect}; the same text comes
 * from outside the JVM with {@code java -cp pollen-runtime.jar dev.pollen.debug.DumpTasks <pid>}.
 */
public final class Inspect {
    private Inspect() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the shop and prints the dump its root took 200 ms in. */
    public static void run(PrintStream out) {
        try (AsyncRuntime runtime = AsyncRuntime.builder().currentThread().startPaused(true).name("shop").build()) {
            out.print(runtime.blockOn(InspectAsync.shop()));
        }
    }

    @Async
    static String shop() {
        Channel<String> orders = Channel.bounded(8);
        JoinHandle<Integer> restocking = Executor.spawn(InspectAsync.restock(3));
        JoinHandle<String> packing = Executor.spawn(InspectAsync.pack(orders));
        JoinHandle<Integer> delivering = Executor.spawn(InspectAsync.deliver());
        await(Time.sleep(Duration.ofMillis(200)));
        String dump = Tasks.dump();
        await(orders.send("teapot"));
        await(packing);
        restocking.cancel();
        delivering.cancel();
        return dump;
    }

    @Async
    static int restock(int trucks) {
        int unloaded = 0;
        for (int truck = 1; truck <= trucks; truck++) {
            unloaded += await(InspectAsync.unload(truck));
        }
        return unloaded;
    }

    @Async
    static int unload(int truck) {
        await(Time.sleep(Duration.ofSeconds(2)));
        return 10 * truck;
    }

    @Async
    static String pack(Channel<String> orders) {
        String order = await(orders.receive());
        return "packed " + order;
    }

    @Async
    static int deliver() {
        return await(TaskScope.run(scope -> {
            JoinHandle<Integer> north = scope.spawn(InspectAsync.courier(Duration.ofSeconds(1)));
            JoinHandle<Integer> south = scope.spawn(InspectAsync.courier(Duration.ofSeconds(3)));
            return InspectAsync.both(north, south);
        }));
    }

    @Async
    static int courier(Duration route) {
        await(Time.sleep(route));
        return 1;
    }

    @Async
    static int both(JoinHandle<Integer> a, JoinHandle<Integer> b) {
        return await(a) + await(b);
    }
}
