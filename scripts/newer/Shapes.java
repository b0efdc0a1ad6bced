package newer;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.Poll;

/**
 * Java 21 constructs in @Async bodies, run by scripts/check-javac.sh when javac is 21 or newer:
 * compiled with --release 21, each line that main prints must be the one the script expects.
 * (With --release 17, javac rejects these constructs itself.)
 */
class Shapes {
    sealed interface Shape permits Point, Line {}
    record Point(int x, int y) implements Shape {}
    record Line(Point from, Point to) implements Shape {}
    record Faulty(int value) {
        public int value() {
            throw new IllegalStateException("accessor " + value);
        }
    }

    /** Pending on its first poll (it wakes its task at once), then ready: the machine suspends. */
    static <T> Future<T> later(T value) {
        return new Future<>() {
            private boolean polled;

            @Override
            public Poll<T> poll(Context cx) {
                if (!polled) {
                    polled = true;
                    cx.waker().wake();
                    return Poll.pending();
                }
                return Poll.ready(value);
            }
        };
    }

    @Async
    static int recordPattern(Object o) {
        if (o instanceof Line(Point(var x1, var y1), Point to) && await(later(x1)) >= 0) {
            return x1 + y1 + await(later(to.x() + to.y()));
        }
        return -1;
    }

    @Async
    static String patternSwitch(Object o) {
        return switch (await(later(o))) {
            case null -> "null";
            case String s when s.length() > await(later(2)) -> "long " + s;
            case String s -> "short " + s + await(later("!"));
            case Faulty(var v) -> "faulty " + v;
            default -> "other";
        };
    }

    @Async
    static String sealedSwitch(Shape shape) {
        return switch (shape) {
            case Point(int x, int y) when x == y -> "diagonal " + await(later(x));
            case Point p -> "point " + p.x();
            case Line(var from, var to) -> "line " + await(later(from.x() + to.y()));
        };
    }

    public static void main(String[] args) {
        System.out.println(Executor.blockOn(ShapesAsync.recordPattern(new Line(new Point(1, 2), new Point(3, 4)))));
        System.out.println(Executor.blockOn(ShapesAsync.recordPattern("no line")));
        for (Object o : new Object[] {null, "abc", "ab", 7}) {
            System.out.println(Executor.blockOn(ShapesAsync.patternSwitch(o)));
        }
        try {
            Executor.blockOn(ShapesAsync.patternSwitch(new Faulty(5)));
        } catch (MatchException e) {
            System.out.println("MatchException: " + e.getCause().getMessage());
        }
        for (Shape shape : new Shape[] {new Point(2, 2), new Point(1, 2), new Line(new Point(1, 2), new Point(3, 4))}) {
            System.out.println(Executor.blockOn(ShapesAsync.sealedSwitch(shape)));
        }
    }
}
