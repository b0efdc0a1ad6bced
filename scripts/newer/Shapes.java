package newer;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Future;

/** Java 21 constructs in @Async bodies: scripts/check-javac.sh expects one clear error for each. */
class Shapes {
    record Point(int x, int y) {}

    @Async
    static int recordPattern(Object o, Future<Integer> f) {
        if (o instanceof Point(int x, int y)) {
            return x + y + await(f);
        }
        return 0;
    }

    @Async
    static int patternSwitch(Object o, Future<Integer> f) {
        return switch (o) {
            case String s -> s.length() + await(f);
            default -> 0;
        };
    }
}
