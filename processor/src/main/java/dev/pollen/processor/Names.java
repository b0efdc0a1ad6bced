package dev.pollen.processor;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/** The runtime names generated code refers to, and the naming rules of generated classes. */
final class Names {
    private Names() {}

    static final String RUNTIME_PACKAGE = "dev.pollen";
    static final ClassName ASYNC = ClassName.get(RUNTIME_PACKAGE, "Async");
    static final ClassName AWAIT = ClassName.get(RUNTIME_PACKAGE, "Await");
    static final ClassName FUTURE = ClassName.get(RUNTIME_PACKAGE, "Future");
    static final ClassName POLL = ClassName.get(RUNTIME_PACKAGE, "Poll");
    static final ClassName CONTEXT = ClassName.get(RUNTIME_PACKAGE, "Context");
    static final ClassName ASYNC_MACHINE = ClassName.get(RUNTIME_PACKAGE + ".internal", "AsyncMachine");
    static final ClassName SNEAKY = ClassName.get(RUNTIME_PACKAGE + ".internal", "Sneaky");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName OBJECTS = ClassName.get(java.util.Objects.class);
    /** The classes whose {@code spawn(Future)} the processor marks with its site (see Body.isSpawn). */
    static final java.util.Set<String> SPAWNERS = java.util.Set.of(RUNTIME_PACKAGE + ".Executor",
            RUNTIME_PACKAGE + ".AsyncRuntime", RUNTIME_PACKAGE + ".TaskScope");

    /** README, "What is generated": {@code p.C} gives {@code p.CAsync}; {@code p.Outer.Inner} gives {@code p.Outer_InnerAsync}. */
    static ClassName facadeClass(TypeElement owner) {
        ClassName name = ClassName.get(owner);
        return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Async");
    }

    /**
     * The machine of method {@code m} in {@code CAsync} is the top-level class {@code CAsync$m}
     * (overloads: {@code CAsync$m$2}, ...). It is a separate file because facades are written
     * before bodies are typed.
     */
    static ClassName machineClass(ClassName facadeClass, String method, int overloadIndex) {
        String suffix = overloadIndex == 0 ? "" : "$" + (overloadIndex + 1);
        return facadeClass.peerClass(facadeClass.simpleName() + "$" + method + suffix);
    }
}
