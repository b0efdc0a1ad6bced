package dev.pollen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body the Pollen annotation processor turns into a {@link Future} state
 * machine. For a method {@code m} of class {@code p.C} the processor generates the facade
 * {@code p.CAsync.m(...)}, which returns that future; inside the body,
 * {@link Await#await(Future)} suspends the machine until the awaited future is ready.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
