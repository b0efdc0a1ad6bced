package dev.pollen;

/** The {@code await} of {@link Async} methods. */
// "overloads": a lambda argument would be ambiguous between the two awaits (both parameter types are
// functional interfaces); an await of a lambda is not a use worth an overload name of its own.
@SuppressWarnings("overloads")
public final class Await {

    private Await() {}

    /**
     * Inside an {@link Async} method compiled by the Pollen processor: waits until {@code f} is
     * ready and returns its value, or throws its failure (checked exceptions included, unchanged).
     * This overload declares no exception: to catch a checked one by its name, await a
     * {@link CheckedFuture} ({@link CheckedFuture#of}), or catch a supertype such as
     * {@code Exception}. The processor recognises this
     * method by its symbol and replaces the call; it never runs there.
     *
     * <p>Called directly (the {@code @Async} method itself was called instead of its facade,
     * so its body runs as plain Java), it throws.
     *
     * @throws IllegalStateException always, naming the facade to call instead
     */
    public static <T> T await(Future<T> f) {
        throw new IllegalStateException(outsideMachineMessage());
    }

    /**
     * {@link #await(Future)} for a future that declares the checked exception it may fail with:
     * javac then lets {@code catch (X e)} around this call, and requires it to be caught or
     * declared, as for a method that {@code throws X}. See {@link CheckedFuture}.
     *
     * @throws X (or any other failure of {@code f}, unchanged)
     */
    public static <T, X extends Exception> T await(CheckedFuture<T, X> f) throws X {
        throw new IllegalStateException(outsideMachineMessage());
    }

    private static String outsideMachineMessage() {
        StackWalker.StackFrame caller = StackWalker.getInstance()
                .walk(frames -> frames
                        .filter(frame -> !frame.getClassName().equals(Await.class.getName()))
                        .findFirst())
                .orElse(null);
        if (caller == null) {
            return "await(...) called outside a Pollen state machine";
        }
        String binaryName = caller.getClassName();                  // p.Outer$Inner
        int dot = binaryName.lastIndexOf('.');
        String packagePrefix = binaryName.substring(0, dot + 1);     // "p." or ""
        String binarySimpleName = binaryName.substring(dot + 1);     // Outer$Inner
        String method = binarySimpleName.replace('$', '.') + "." + caller.getMethodName();
        String facade = packagePrefix + binarySimpleName.replace('$', '_') + "Async."
                + caller.getMethodName() + "(...)";
        return "await(...) called outside a Pollen state machine: " + method
                + " runs as plain Java. If " + method + " is @Async, call its facade " + facade
                + " and await it, spawn it or pass it to Executor.blockOn";
    }
}
