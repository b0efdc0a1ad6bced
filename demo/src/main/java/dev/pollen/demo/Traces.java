package dev.pollen.demo;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A failure three {@code @Async} calls deep, one of them a spawned task, as Pollen prints it: the
 * user's methods at their own lines, the spawned task's boundary, and the task that awaited it.
 * Run it with {@code mvn -q -pl demo exec:java -Dexec.mainClass=dev.pollen.demo.Traces}; with
 * {@code -Dpollen.asyncTraces=raw} the same failure shows the generated machines instead.
 */
public final class Traces {
    private Traces() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the checkout and prints its failure's trace, down to this method. */
    public static void run(PrintStream out) {
        try (AsyncRuntime runtime = AsyncRuntime.builder().currentThread().startPaused(true).name("orders").build()) {
            runtime.blockOn(TracesAsync.checkout(List.of("teapot", "kettle")));
        } catch (IllegalStateException e) {
            out.println(e);
            for (StackTraceElement frame : e.getStackTrace()) {
                out.println("\tat " + frame);
                if (frame.getMethodName().equals("run")) {
                    break;                      // below: whoever ran the demo
                }
            }
        }
    }

    @Async
    static int checkout(List<String> items) {
        int reserved = 0;
        for (String item : items) {
            JoinHandle<Integer> reservation = Executor.spawn(TracesAsync.reserve(item));
            reserved += await(reservation);
        }
        return reserved;
    }

    @Async
    static int reserve(String item) {
        await(Time.sleep(Duration.ofMillis(50)));
        return await(TracesAsync.stock(item));
    }

    @Async
    static int stock(String item) {
        await(Time.sleep(Duration.ofMillis(20)));
        if (item.equals("kettle")) {
            throw new IllegalStateException("out of stock: " + item);
        }
        return 1;
    }
}
