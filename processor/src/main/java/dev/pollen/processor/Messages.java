package dev.pollen.processor;

/**
 * Every diagnostic text the processor prints, in one place. Each message starts with a stable
 * tag in brackets so that users (and tests) can recognise it whatever the wording becomes, and
 * says what to do about the problem.
 */
final class Messages {
    private Messages() {}

    static final String PROCESSOR = "dev.pollen.processor.PollenProcessor";

    static String noTreeApi() {
        return "[PollenCompiler] Pollen reads @Async method bodies through javac's tree API"
                + " (com.sun.source), which this compiler does not provide. Compile with javac"
                + " (JDK 17 or newer), for example through maven-compiler-plugin's default compiler.";
    }

    static String noBreakpoints(String machine, Throwable why) {
        return "[PollenBreakpoints] breakpoints by user line in @Async bodies are unavailable for " + machine
                + ": its line map could not be added to its class file (" + why + "). This compile notes only"
                + " the first such class. The code works as usual; a debugger shows it by the generated source's lines.";
    }

    static String notConcrete(String what) {
        return "[PollenNoBody] @Async cannot be used on " + what
                + ": an @Async method needs a body for Pollen to turn into a state machine."
                + " Remove @Async, or give the method a body in a concrete class.";
    }

    static String synchronizedMethod() {
        return "[PollenSynchronized] @Async methods cannot be synchronized: the lock would be"
                + " released at the first await. Remove 'synchronized' and guard the shared state"
                + " between awaits explicitly.";
    }

    static String unreachableClass(String className) {
        return "[PollenClassAccess] Pollen generates a separate class that calls into " + className
                + ", but " + className + " is private, so generated code cannot"
                + " name it. Move the @Async method to a top-level or package-visible nested class.";
    }

    static String localClass(String className) {
        return "[PollenClassAccess] @Async has no effect on a method of " + className + ": Pollen generates"
                + " the facade and the state machine as separate classes, which cannot name a class declared"
                + " inside a method, so the method would throw at its first await. Move it to a top-level"
                + " or member class (not private) and call its facade.";
    }

    static String directCall(String method, String facade) {
        return "[PollenDirectCall] " + method + " is @Async: called directly, its body runs outside a state"
                + " machine and throws at its first await. Call its facade " + facade + " instead: it returns"
                + " a Future to await in an @Async method, to spawn (Executor.spawn inside a task, or an"
                + " AsyncRuntime's spawn) or to run (Executor.blockOn).";
    }

    static String futureOfFuture(String method, String type) {
        return "[PollenNestedFuture] " + method + " is @Async and returns " + type + ", so its facade returns"
                + " a future of that future, which callers must await twice. Await it in the body and return"
                + " its value (declare the value's type as the return type), or remove @Async.";
    }

    static String awaitOutsideAsync() {
        return "[PollenAwaitOutsideAsync] await(...) only suspends inside an @Async method; here it would"
                + " throw at run time. Mark the enclosing method @Async, or pass the future to"
                + " Executor.blockOn(...) (or to an AsyncRuntime's blockOn or spawn).";
    }

    static String awaitInNestedCode() {
        return "[PollenAwaitInLambda] await(...) inside a lambda or a class body does not suspend the"
                + " @Async method around it: that code runs later, elsewhere. Make the lambda's work an"
                + " @Async method of its own and await its facade here.";
    }

    static String awaitInSynchronized() {
        return "[PollenSynchronized] await(...) inside 'synchronized' would release the lock while"
                + " the method is suspended. End the synchronized block before the await.";
    }

    static String noAwait(String method) {
        return "[PollenNoAwait] " + method + " is @Async but never awaits: its future runs the whole body"
                + " at the first poll. Remove @Async, or await the futures it starts.";
    }

    static String overrides(String method, String overridden) {
        return "[PollenOverride] " + method + " overrides " + overridden + ", but facades are bound"
                + " statically: the facade always runs this body, even for a subclass instance that"
                + " overrides it again. Call the facade of the class whose body you mean.";
    }

    static String droppedFuture(String facade) {
        return "[PollenDroppedFuture] the future returned by " + facade + " is dropped: it does nothing"
                + " unless it is awaited, spawned (Executor.spawn inside a task, or an AsyncRuntime's spawn)"
                + " or run (Executor.blockOn).";
    }

    static String notDenotable(String local, String type) {
        return "[PollenNotDenotable] the local '" + local + "' lives across an await, so the state machine"
                + " keeps it in a field, but its type (" + type + ") cannot be written in source. Declare"
                + " it with an explicit type (an interface or class it implements) instead of 'var'.";
    }

    static String notSupportedYet(String what, String hint) {
        return "[PollenNotSupportedYet] Pollen cannot compile " + what + " in an @Async method yet. " + hint;
    }

    static String stringTemplate() {
        return notSupportedYet("a string template (a preview of Java 21 and 22, newer than Java 17)",
                "Write it with + or String.format, or move it into a method that is not @Async.");
    }

    static String previewPattern(String construct, int javac) {
        return notSupportedYet(construct + " as javac " + javac + " previews it (newer than Java 17)",
                "Java 21 changed its rules, and Pollen compiles pattern matching for switch and record patterns as"
                        + " Java 21 defines them: compile with javac 21 or newer, or write this with instanceof and if.");
    }

    /** A use of a private type that its projection in the machine cannot express (PrivateTypeChecks). */
    static String privateTypeUse(String what, String type) {
        return notSupportedYet(what, "The state machine, another class of the package, writes the private type "
                + type + " as its nearest accessible superclass, which cannot stand for it here. Make " + type
                + " package-private (remove 'private'), or move this code into a method of the class that is not"
                + " @Async.");
    }

    static String privateTypeInSignature(String method, String type) {
        return "[PollenPrivateType] the signature of " + method + " names the private type " + type
                + ", but its facade and state machine are other classes of the package, which cannot name it."
                + " Make " + type + " package-private (remove 'private'), or take and return an accessible"
                + " supertype of it.";
    }

    static final String HINT_HELPER = "Call a package-private helper method of the class instead.";

    static String inaccessibleMember(String member) {
        return "[PollenNotSupportedYet] the generated state machine (a class of the same package)"
                + " cannot reach " + member + " yet: it is a private type, an anonymous subclass of a"
                + " class with a private constructor, or a protected constructor in another package. Make it"
                + " package-private, or call it through a package-private helper method.";
    }

    static String untypedBody(String method, String detail) {
        return "[PollenUntyped] Pollen made no state machine for " + method + ": its body does not"
                + " compile, and javac reports why. Its facade is generated so that callers compile, but"
                + " throws when called. If javac reports no error in this method, please report this to"
                + " the Pollen maintainers. The first error Pollen saw: " + detail;
    }

    static String internalError(String method, Throwable t) {
        return "[PollenInternal] " + PROCESSOR + " failed while processing " + method + ": " + t
                + ". Please report this to the Pollen maintainers with the method's source.";
    }

    static String facadeStubBody(String method) {
        return "Pollen could not generate the state machine of " + method
                + "; see the compiler's diagnostics for this method";
    }
}
