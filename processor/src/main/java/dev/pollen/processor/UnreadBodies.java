package dev.pollen.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;

/**
 * Part of stage "analyse": which source files the typed copy ({@link TypedCopy}) must attribute,
 * and the text it compiles for the others.
 *
 * <p>Pollen reads the bodies of a file whose text mentions {@code Async} (an {@code @Async}
 * method, or a facade whose future a call may drop: {@link UsageChecks}), {@code await} (an await
 * outside an {@code @Async} method) or the name of an {@code @Async} method (a direct call), or
 * has a Unicode escape, which could spell any of them. Every other file is in the copy only for
 * its declarations, which the files Pollen reads may use; so its method bodies are replaced by
 * {@code throw null;} (a constructor keeps its {@code this(...)} or {@code super(...)} call), and
 * the copy attributes them in no time. Without this, a module with a few {@code @Async} methods
 * paid a second attribution of all its code.
 * Results are kept across rounds: a source's text does not change during a compile.
 */
final class UnreadBodies {
    /** Files already looked at: their text for the copy (the original, or without bodies). */
    private final Map<URI, String> copyTexts = new HashMap<>();

    /** Names of the compile's @Async methods: a file that may call one directly is read too (UsageChecks). */
    private final Set<String> asyncMethodNames = new HashSet<>();

    /** Notes an @Async method's name; before the first copy, so that the files that use it are read. */
    void addAsyncMethod(String name) {
        asyncMethodNames.add(name);
    }

    boolean isRead(String text) {
        return text.contains("Async") || text.contains("await") || text.contains("\\u")
                || mentionsAny(text, asyncMethodNames);
    }

    /** Whether a word of {@code text} that could be an identifier is one of {@code names} (comments and strings too: harmless). */
    private static boolean mentionsAny(String text, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isJavaIdentifierStart(text.charAt(i))) {
                int start = i;
                while (i + 1 < text.length() && Character.isJavaIdentifierPart(text.charAt(i + 1))) {
                    i++;
                }
                if (names.contains(text.substring(start, i + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a parsed file may use Pollen where a compile without @Async methods to generate must
     * still look ({@code PollenProcessor.checkCodeWithoutAsyncMethods}): it calls a method named
     * {@code await}, or has an annotation named {@code Async} (on a method of a local class, which
     * javac does not show processors). The typed copy then says whether they are Pollen's.
     */
    static boolean mayUsePollen(CompilationUnitTree unit) {
        boolean[] found = new boolean[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                found[0] |= named(call.getMethodSelect(), "await");
                return super.visitMethodInvocation(call, unused);
            }

            @Override
            public Void visitAnnotation(AnnotationTree annotation, Void unused) {
                found[0] |= named(annotation.getAnnotationType(), "Async");
                return null;
            }

            @Override
            public Void scan(Tree tree, Void unused) {
                return found[0] ? null : super.scan(tree, unused);
            }
        }.scan(unit, null);
        return found[0];
    }

    /** The texts for the copy, in the order of {@code sources}; {@code options}: the copy's language options. */
    Map<URI, String> copyTexts(JavaCompiler javac, Map<URI, String> sources, List<String> options) throws IOException {
        List<JavaFileObject> toStrip = new ArrayList<>();
        sources.forEach((uri, text) -> {
            if (!copyTexts.containsKey(uri)) {
                if (isRead(text)) {
                    copyTexts.put(uri, text);
                } else {
                    toStrip.add(new TypedCopy.SourceText(uri, text, null));
                }
            }
        });
        if (!toStrip.isEmpty()) {
            strip(javac, toStrip, options);
        }
        Map<URI, String> texts = new LinkedHashMap<>();
        sources.keySet().forEach(uri -> texts.put(uri, copyTexts.get(uri)));
        return texts;
    }

    private void strip(JavaCompiler javac, List<JavaFileObject> files, List<String> options) throws IOException {
        // Parsing only: no class path needed. A file that does not parse keeps its text (the
        // copy then reports what the real compile reports too).
        Set<URI> broken = new HashSet<>();
        JavacTask parser = (JavacTask) javac.getTask(new StringWriter(), null, diagnostic -> {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR && diagnostic.getSource() != null) {
                broken.add(diagnostic.getSource().toUri());
            }
        }, options, null, files);
        SourcePositions positions = Trees.instance(parser).getSourcePositions();
        for (CompilationUnitTree unit : parser.parse()) {
            String text = unit.getSourceFile().getCharContent(true).toString();
            if (broken.contains(unit.getSourceFile().toUri())) {
                copyTexts.put(unit.getSourceFile().toUri(), text);
                continue;
            }
            List<long[]> cuts = new ArrayList<>();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethod(MethodTree method, Void unused) {
                    BlockTree body = method.getBody();
                    if (body != null) {
                        long from = positions.getStartPosition(unit, body) + 1;
                        List<? extends StatementTree> statements = body.getStatements();
                        if (!statements.isEmpty() && isConstructorCall(statements.get(0))) {
                            from = positions.getEndPosition(unit, statements.get(0));
                        }
                        long to = positions.getEndPosition(unit, body) - 1;
                        if (from > 0 && to >= from) {
                            cuts.add(new long[] {from, to});
                        }
                    }
                    return null;    // what is inside the body goes with it
                }
            }.scan(unit, null);
            cuts.sort(Comparator.comparingLong(cut -> cut[0]));
            StringBuilder stripped = new StringBuilder(text.length());
            int at = 0;
            for (long[] cut : cuts) {
                stripped.append(text, at, (int) cut[0]).append(" throw null; ");
                at = (int) cut[1];
            }
            copyTexts.put(unit.getSourceFile().toUri(), stripped.append(text, at, text.length()).toString());
        }
    }

    /** Whether {@code tree} is the name {@code name}, alone or after a dot. */
    private static boolean named(Tree tree, String name) {
        return tree instanceof IdentifierTree identifier && identifier.getName().contentEquals(name)
                || tree instanceof MemberSelectTree select && select.getIdentifier().contentEquals(name);
    }

    /** {@code this(...)}, {@code super(...)} or {@code outer.super(...)}. */
    private static boolean isConstructorCall(StatementTree statement) {
        if (!(statement instanceof ExpressionStatementTree expression
                && expression.getExpression() instanceof MethodInvocationTree call)) {
            return false;
        }
        if (call.getMethodSelect() instanceof IdentifierTree name) {
            return name.getName().contentEquals("this") || name.getName().contentEquals("super");
        }
        return call.getMethodSelect() instanceof MemberSelectTree select && select.getIdentifier().contentEquals("super");
    }
}
