package dev.pollen.processor.harness;

/** A superclass in another package with protected members, which subclasses' bodies may use. */
public class ProtBase {
    protected int pf = 3;
    protected static int psf = 4;

    protected ProtBase() {
    }

    protected String pm(String s) {
        return "pm" + s + pf;
    }

    protected static String psm() {
        return "psm" + psf;
    }
}
