package dev.pollen.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Pollen runs in every compile (it supports "*"), so it must not hide annotations from the
 * processors after it, nor make -Xlint:processing warn that nobody claimed {@code @Async}.
 */
class OtherProcessorsTest {

    /** Records what it is shown of {@code p.Marker}, and claims it, as a processor of its own annotation would. */
    static final class MarkerProcessor extends AbstractProcessor {
        final List<String> seen = new ArrayList<>();

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("p.Marker");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            for (TypeElement annotation : annotations) {
                for (Element e : round.getElementsAnnotatedWith(annotation)) {
                    seen.add(e.getSimpleName().toString());
                }
            }
            return true;
        }
    }

    @Test
    void aProcessorAfterPollenSeesItsAnnotationsAndNothingIsLeftUnclaimed() {
        MarkerProcessor marker = new MarkerProcessor();
        List<Processor> processors = new ArrayList<>(Compiled.processors());
        processors.add(marker);
        Compilation compilation = javac().withProcessors(processors)
                .withOptions("-Xlint:all")
                .compile(JavaFileObjects.forSourceString("p.Marker", """
                        package p;

                        public @interface Marker {}
                        """), JavaFileObjects.forSourceString("p.C", Programs.HEADER + """
                        @Marker
                        class C {
                            @Async @SuppressWarnings("unused") static int m() { return await(of(1)); }
                        }
                        """));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics().toString());
        assertEquals(List.of(), compilation.warnings(), compilation.diagnostics().toString());
        assertEquals(List.of("C"), marker.seen);
    }

    @Test
    void theServiceFileListsPollenProcessorBeforeItsClaims() {
        // Claims first would claim @Async before PollenProcessor is offered the round.
        List<String> names = new ArrayList<>();
        ServiceLoader.load(Processor.class).stream().map(p -> p.type().getName())
                .filter(name -> name.startsWith("dev.pollen.")).forEach(names::add);
        assertEquals(List.of(PollenProcessor.class.getName(), PollenProcessor.Claims.class.getName()), names);
    }

    @Test
    void pollenStillRunsWhenItsClaimsComeFirst() {
        // As with -processor naming them in that order: Claims then claims nothing.
        Compilation compilation = javac().withProcessors(new PollenProcessor.Claims(), new PollenProcessor())
                .compile(JavaFileObjects.forSourceString("p.C", Programs.HEADER + """
                        class C {
                            @Async static int m() { return await(of(1)); }
                        }
                        """));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics().toString());
        assertEquals(true, compilation.generatedSourceFile("p.CAsync").isPresent());
    }
}
