package dev.pollen.internal;

/** Not API. Throws any {@link Throwable} unchanged, checked exceptions included. */
public final class Sneaky {

    private Sneaky() {}

    /**
     * Throws {@code t} itself. Declared to return an exception so that callers can write
     * {@code throw Sneaky.rethrow(t);} and the compiler knows the statement does not complete.
     */
    public static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>throwAs(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E throwAs(Throwable t) throws E {
        throw (E) t;
    }
}
