package dev.pollen.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.pollen.Executor;
import dev.pollen.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** Bodies that use classes another annotation processor generates in a later round. */
class RoundsTest {

    private static final String GEN = """
            package p;

            public final class Gen {
                public static int value() { return 42; }
            }
            """;

    /** Generates {@code p.Gen} in its first round, as AutoValue or Immutables would. */
    static final class GeneratingProcessor extends AbstractProcessor {
        private final String source;
        private boolean done;

        GeneratingProcessor(String source) {
            this.source = source;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("p.Gen").openWriter()) {
                    w.write(source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void aBodyUsingAClassGeneratedLaterGetsItsMachineInALaterRound() throws Throwable {
        Compiled c = compileAfterGen("""
                class C {
                    @Async
                    static int go() {
                        int x = await(of(Gen.value()));
                        return x + 1;
                    }
                }
                """);
        assertEquals(43, Executor.blockOn((Future<?>) c.call("p.CAsync", "go")));
    }

    @Test
    void aSignatureNamingAClassGeneratedLaterGetsItsFacadeInALaterRound() throws Throwable {
        Compiled c = compileAfterGen("""
                import java.util.List;

                class C {
                    @Async
                    static int count(List<Gen> gens) {
                        return await(of(gens.size())) + Gen.value();
                    }
                }
                """);
        assertEquals(42, Executor.blockOn((Future<?>) c.call("p.CAsync", "count", List.of())));
    }

    /** Compiles {@code p.C} (the header, then {@code source}) while another processor generates {@code p.Gen}. */
    private static Compiled compileAfterGen(String source) {
        Compilation compilation = javac().withProcessors(new GeneratingProcessor(GEN), new PollenProcessor())
                .compile(JavaFileObjects.forSourceString("p.C", Programs.HEADER + source));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics().toString());
        assertEquals(0, compilation.warnings().size(), compilation.diagnostics().toString());
        return Compiled.of(compilation);
    }
}
