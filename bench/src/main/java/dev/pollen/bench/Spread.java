package dev.pollen.bench;

import java.util.Random;

/** The durations of the timer benchmarks: evenly spread, in a shuffled but fixed order. */
final class Spread {

    private Spread() {}

    /**
     * {@code n} values from {@code from} (included) to {@code to} (excluded), evenly spread,
     * shuffled with a fixed seed: every variant and every run gets the same sequence.
     */
    static long[] shuffled(int n, long from, long to) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = from + i * (to - from) / n;
        }
        Random random = new Random(42);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
