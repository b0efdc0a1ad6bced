package dev.pollen.processor.harness;

/** An interface with a default method, for programs that call it as {@code Named.super.name()}. */
public interface Named {
    default String name() {
        return "Named";
    }
}
