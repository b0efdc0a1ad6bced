package dev.pollen.processor.harness;

/** An AutoCloseable for test programs that logs its close and may fail it. */
public final class Resource implements AutoCloseable {
    private final String name;
    private final boolean failOnClose;

    public Resource(String name, boolean failOnClose) {
        this.name = name;
        this.failOnClose = failOnClose;
        Trace.log("open " + name);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        Trace.log("close " + name);
        if (failOnClose) {
            throw new IllegalStateException("close failed: " + name);
        }
    }
}
