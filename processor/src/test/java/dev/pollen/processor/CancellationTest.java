package dev.pollen.processor;

import org.junit.jupiter.api.Test;

/** Cancelling at each await point runs exactly the cleanup a return at that point runs. */
class CancellationTest {

    @Test
    void cancellingAtEachAwaitRunsTheFinallyBlocksOfAReturnThere() {
        Programs.assertCancellingIsReturning("""
                class C {
                    @Async
                    static int go() throws Exception {
                        int total = await(of(1));
                        log("after first");
                        for (int i = 0; i < 2; i++) {
                            try {
                                try {
                                    total += await(of(10));
                                    log("inner try " + i);
                                } catch (RuntimeException e) {
                                    log("catch must not run on cancel");
                                } finally {
                                    log("inner finally " + i + " " + await(of("cleanup")));
                                }
                                total += await(of(100));
                            } finally {
                                log("outer finally " + i);
                            }
                        }
                        try (dev.pollen.processor.harness.Resource r = new dev.pollen.processor.harness.Resource("r", false)) {
                            total += await(of(1000)) + r.name().length();
                        }
                        return total + await(of(5));
                    }
                }
                """, "go");
    }
}
