package dev.pollen.processor.harness;

/** A superclass for test programs: members inherited from another package. */
public class Base {
    public int inherited = 7;

    public String base() {
        return "base";
    }
}
