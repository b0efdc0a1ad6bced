package dev.pollen.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
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
 * method, or a facade whose future a call may drop: {@code PollenProcessor.checkOtherCode}) or
 * {@code await} (an await outside an {@code @Async} method), or has a Unicode escape, which could
 * spell either. Every other file is in the copy only for its declarations, which the files Pollen
 * reads may use; so its method bodies are replaced by {@code throw null;} (a constructor keeps its
 * {@code this(...)} or {@code super(...)} call), and the copy attributes them in no time. Without
 * this, a module with a few {@code @Async} methods paid a second attribution of all its code.
 * Results are kept across rounds: a source's text does not change during a compile.
 */
final class UnreadBodies {
    /** Files already looked at: their text for the copy (the original, or without bodies). */
    private final Map<URI, String> copyTexts = new HashMap<>();

    static boolean isRead(String text) {
        return text.contains("Async") || text.contains("await") || text.contains("\\u");
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
