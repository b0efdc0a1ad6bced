package dev.pollen.processor.harness;

/** A superclass for test programs: members inherited from another package (T: for generic ones). */
public class Base<T> {
    public int inherited = 7;
    public String label = "theirs";
    public T item;

    public String base() {
        return "base";
    }
}
