package dev.pollen.processor;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The tree API of javac 21 and later, reached by kind name and reflection: the processor is
 * compiled with {@code --release 17} and runs on JDK 17, whose {@code com.sun.source.tree} lacks
 * {@code CaseTree.getGuard()}, {@code PatternCaseLabelTree}, {@code ConstantCaseLabelTree} and
 * {@code DeconstructionPatternTree}. Only a compile with {@code --release 21} or newer has such
 * trees, and then javac 21 or newer runs the processor, so the methods exist wherever they are
 * called. The only class that names them.
 */
final class NewerTrees {
    private NewerTrees() {}

    /** A case's labels as written: patterns, constants (null among them) and default. */
    @SuppressWarnings("unchecked")
    static List<? extends Tree> labels(CaseTree c) {
        return (List<? extends Tree>) call(c, "getLabels");
    }

    /** Whether {@code label} (one of {@link #labels}) is {@code default}. */
    static boolean isDefault(Tree label) {
        return label.getKind().name().equals("DEFAULT_CASE_LABEL");
    }

    /** The pattern of a pattern label, or null for a constant or default label. */
    static Tree pattern(Tree label) {
        return label.getKind().name().equals("PATTERN_CASE_LABEL") ? (Tree) call(label, "getPattern") : null;
    }

    /** The expression of a constant label ({@code null} among them), or null for another label. */
    static ExpressionTree constant(Tree label) {
        return label.getKind().name().equals("CONSTANT_CASE_LABEL") ? (ExpressionTree) call(label, "getConstantExpression")
                : null;
    }

    /** The {@code when} guard of a case (javac 21+), or null. */
    static ExpressionTree guard(CaseTree c) {
        return method(c.getClass(), "getGuard") != null ? (ExpressionTree) call(c, "getGuard") : null;
    }

    /**
     * Whether a case uses pattern matching for switch (JLS 21 14.11.1): a pattern, a guard, or
     * {@code case null}. Such a switch tests its cases in order and is exhaustive.
     */
    static boolean isPatternCase(CaseTree c) {
        for (Tree label : labels(c)) {
            ExpressionTree constant = constant(label);
            if (pattern(label) != null || constant != null && constant.getKind() == Tree.Kind.NULL_LITERAL) {
                return true;
            }
        }
        return guard(c) != null;
    }

    /**
     * javac 17 to 20's previews of pattern matching, whose rules Java 21 changed (a total pattern
     * matched null, guards were patterns): a guarded or parenthesized pattern, a record pattern of
     * javac 19 and 20, or a case whose label is a pattern or {@code null} itself (javac 21 and
     * later wrap every label in a case label tree).
     */
    static boolean isPreviewPattern(Tree tree) {
        String kind = tree.getKind().name();
        if (kind.equals("GUARDED_PATTERN") || kind.equals("PARENTHESIZED_PATTERN") || kind.equals("RECORD_PATTERN")) {
            return true;
        }
        if (tree instanceof CaseTree c) {
            for (Tree label : labels(c)) {
                if (label.getKind().name().endsWith("_PATTERN") || label.getKind() == Tree.Kind.NULL_LITERAL) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object call(Object tree, String name) {
        Method m = method(tree.getClass(), name);
        if (m == null) {
            throw new IllegalStateException("no " + name + " on " + tree.getClass());
        }
        try {
            return m.invoke(tree);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The method of an interface of com.sun.source.tree that {@code type} implements: javac's
     * implementation classes are not exported, so reflection calls through the public interface.
     */
    private static Method method(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().startsWith("com.sun.source.tree.")) {
                    for (Method m : i.getMethods()) {
                        if (m.getName().equals(name) && m.getParameterCount() == 0) {
                            return m;
                        }
                    }
                }
            }
        }
        return null;
    }
}
