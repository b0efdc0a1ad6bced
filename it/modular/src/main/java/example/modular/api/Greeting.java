package example.modular.api;

/** An exported type of the user's module, used by the @Async method across an await. */
public record Greeting(String name, int count) {}
