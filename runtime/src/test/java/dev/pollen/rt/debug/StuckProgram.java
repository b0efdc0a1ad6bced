package dev.pollen.rt.debug;

import dev.pollen.AsyncRuntime;
import dev.pollen.debug.Tasks;
import dev.pollen.rt.debug.DumpFixtures.Fetch;
import dev.pollen.rt.debug.DumpFixtures.Get;
import dev.pollen.rt.debug.DumpFixtures.Leaf;
import dev.pollen.rt.debug.DumpFixtures.Main;

/**
 * A child JVM for {@link ExternalDumpTest}: a known task tree at rest (a blockOn root that
 * spawned two tasks, one in two machines on a "sleep", one on a "receive"); prints
 * {@code ready <root> <fetch> <receive>} (the task ids) once the tasks are idle, and exits when
 * its standard input closes. With the argument {@code plain}: no runtime at all.
 */
public final class StuckProgram {

    private StuckProgram() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("plain")) {
            System.out.println("ready");
            System.out.flush();
            awaitStdinClosed();
            return;
        }
        AsyncRuntime runtime = AsyncRuntime.builder().currentThread().name("stuck").build();
        Main main = new Main(new Fetch(new Get(new Leaf("Sleep(2 s, 1.2 s left)"))),
                new Leaf("Channel.receive() (empty, 1 waiting)"));
        Thread driver = new Thread(() -> runtime.blockOn(main), "stuck-main");
        driver.setDaemon(true);
        driver.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!settled(main) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        System.out.println("ready " + main.self + " " + DumpFixtures.id(main.fetchHandle) + " "
                + DumpFixtures.id(main.receiveHandle));
        System.out.flush();
        awaitStdinClosed();
        System.exit(0);
    }

    private static boolean settled(Main main) {
        String dump = Tasks.dump();
        return main.receiveHandle != null && dump.contains(": 3 live tasks") && !dump.contains(", queued")
                && !dump.contains(", running");
    }

    private static void awaitStdinClosed() throws java.io.IOException {
        while (System.in.read() != -1) {
            // until the parent closes our standard input (or dies)
        }
    }
}
