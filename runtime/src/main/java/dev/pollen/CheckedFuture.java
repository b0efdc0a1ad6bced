package dev.pollen;

/**
 * A future that declares the checked exception it may fail with, so that {@code @Async} code can
 * catch that exception by its name.
 *
 * <p>{@link Await#await(Future)} declares no exception, so javac rejects
 * {@code catch (TimeoutException e)} around it ("exception is never thrown in body of
 * corresponding try statement"). {@link Await#await(CheckedFuture)} declares {@code X}: awaiting a
 * {@code CheckedFuture<T, X>} is, for javac's exception checking, a call that throws {@code X}
 * (catch it, or declare it). {@link dev.pollen.time.Time#timeout} returns one for
 * {@link java.util.concurrent.TimeoutException}; {@link #of} declares any exception on any future.
 *
 * <p>The declaration is for the compiler only: at run time the future fails with whatever it
 * fails with, unchanged, as every future does. It declares the checked exception the future is
 * known to throw; unchecked exceptions need no declaration.
 *
 * @param <T> the type of the value
 * @param <X> the checked exception the future may fail with
 */
public interface CheckedFuture<T, X extends Exception> extends Future<T> {

    /**
     * {@code future}, declared to fail with {@code X}: for example
     * {@code await(CheckedFuture.of(FilesAsync.read(path), IOException.class))} inside a
     * {@code try} that catches {@code IOException}. Returns a view that polls and cancels
     * {@code future}; it allocates one object.
     *
     * @param declared the exception to declare; only its type is used
     * @throws NullPointerException if an argument is null
     */
    static <T, X extends Exception> CheckedFuture<T, X> of(Future<T> future, Class<X> declared) {
        java.util.Objects.requireNonNull(future, "future");
        java.util.Objects.requireNonNull(declared, "declared");
        return new CheckedFuture<>() {
            @Override
            public Poll<T> poll(Context cx) {
                return future.poll(cx);
            }

            @Override
            public void cancel() {
                future.cancel();
            }

            @Override
            public String toString() {
                return future + " (throws " + declared.getSimpleName() + ")";
            }
        };
    }
}
