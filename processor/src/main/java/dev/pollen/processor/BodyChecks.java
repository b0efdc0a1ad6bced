package dev.pollen.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;

/**
 * Stage "analyse", part 3: finds what the lowering cannot compile, as errors on the exact tree.
 * When this reports nothing, {@link Lowering} and {@link Renderer} can handle the whole body.
 */
final class BodyChecks {
    record Problem(Tree tree, String message) {}

    private final Body body;
    private final NameResolver names;
    private final Set<VariableElement> hoisted;
    private final List<Problem> problems = new ArrayList<>();

    private BodyChecks(Body body, NameResolver names, Set<VariableElement> hoisted) {
        this.body = body;
        this.names = names;
        this.hoisted = hoisted;
    }

    static List<Problem> check(Body body, NameResolver names, Set<VariableElement> hoisted, LocalClasses classes) {
        BodyChecks checks = new BodyChecks(body, names, hoisted);
        for (MethodInvocationTree await : body.awaits) {
            checks.checkAwait(await);
        }
        checks.checkNames();
        PrivateTypeChecks.check(body, names, checks::report);
        checks.checkMovedClasses(classes);
        checks.checkNewerConstructs();
        return checks.problems;
    }

    /**
     * Kinds of tree that Pollen does not lower, named (javac 17's Tree.Kind lacks them): string
     * templates, a preview of Java 21 and 22 that later releases dropped. (Pattern matching for
     * switch, record patterns and unnamed variables are lowered: PatternDispatch.)
     */
    private static final Set<String> NEWER_KINDS = Set.of("STRING_TEMPLATE", "TEMPLATE");

    /**
     * Constructs newer than Java 17 that the lowering does not know (a user may compile with a
     * newer --release, or with --enable-preview): errors, except in lambdas and class bodies,
     * which are copied as they are.
     */
    private void checkNewerConstructs() {
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree == null || tree.getKind() == Tree.Kind.LAMBDA_EXPRESSION || tree instanceof ClassTree) {
                    return null;
                }
                if (NEWER_KINDS.contains(tree.getKind().name())) {
                    report(tree, Messages.stringTemplate());
                    return null;
                }
                if (NewerTrees.isPreviewPattern(tree)) {
                    report(tree, Messages.previewPattern(tree instanceof CaseTree
                            ? "a pattern or null case label (pattern matching for switch)" : "this pattern",
                            Runtime.version().feature()));
                    return null;
                }
                return super.scan(tree, unused);
            }
        }.scan(body.method.getBody(), null);
    }

    private void report(Tree tree, String message) {
        problems.add(new Problem(tree, message));
    }

    /**
     * Whether an await lies in an {@code @Async} method of a class nested in the body: that method
     * gets one error of its own ({@link UsageChecks}), which says what to do about its awaits too.
     */
    private boolean inNestedAsyncMethod(MethodInvocationTree await) {
        for (TreePath p = body.path(await); p != null && p.getLeaf() != body.method; p = p.getParentPath()) {
            if (p.getLeaf() instanceof MethodTree) {
                Element nested = body.copy.trees.getElement(p);
                return nested != null && PollenProcessor.isAsync(nested);
            }
        }
        return false;
    }

    private void checkAwait(MethodInvocationTree await) {
        if (body.insideNestedCode(await, body.method)) {
            if (!inNestedAsyncMethod(await)) {
                report(await, Messages.awaitInNestedCode());
            }
            return;
        }
        StatementTree site = enclosingStatement(await);
        if (site == null) {
            return; // reported by enclosingStatement
        }
        // Every statement around the site must be one the lowering splits into states.
        for (TreePath p = body.path(site).getParentPath(); p.getLeaf() != body.method; p = p.getParentPath()) {
            Tree around = p.getLeaf();
            if (around.getKind() == Tree.Kind.SYNCHRONIZED) {
                report(await, Messages.awaitInSynchronized());
                return;
            }
            if (!STATEMENTS.contains(around.getKind()) && !AROUND.contains(around.getKind())
                    && !EXPRESSIONS.contains(around.getKind())) {
                unsupportedAt(await, describe(around));
                return;
            }
        }
    }

    /**
     * The statement that holds {@code await}, if every expression between them is one that
     * {@link ExpressionLowering} can split at an await, and the statement is one that
     * {@link Lowering} handles. Otherwise reports the await and returns null.
     */
    private StatementTree enclosingStatement(MethodInvocationTree await) {
        for (TreePath p = body.path(await).getParentPath(); ; p = p.getParentPath()) {
            Tree t = p.getLeaf();
            // javac's case trees are statements too; an arrow case's expression belongs to its switch.
            if (t instanceof StatementTree statement && t.getKind() != Tree.Kind.CASE) {
                if (STATEMENTS.contains(t.getKind())) {
                    return statement;
                }
                unsupportedAt(await, describe(t));
                return null;
            }
            if (!EXPRESSIONS.contains(t.getKind())) {
                unsupportedAt(await, describe(t));
                return null;
            }
        }
    }

    private void unsupportedAt(MethodInvocationTree await, String where) {
        report(await, Messages.notSupportedYet("await(...) inside " + where,
                "Await into a local before it, for example 'var value = await(future);', and use"
                        + " 'value' here; or move the awaiting part into an @Async helper method."));
    }

    /** Statements that may hold an await directly (in their expressions). */
    private static final Set<Tree.Kind> STATEMENTS = EnumSet.of(Tree.Kind.EXPRESSION_STATEMENT,
            Tree.Kind.VARIABLE, Tree.Kind.RETURN, Tree.Kind.THROW, Tree.Kind.IF, Tree.Kind.WHILE_LOOP,
            Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP, Tree.Kind.SWITCH,
            Tree.Kind.YIELD, Tree.Kind.ASSERT);

    /** Statements (and parts) that may contain a statement that awaits. */
    private static final Set<Tree.Kind> AROUND = EnumSet.of(Tree.Kind.BLOCK, Tree.Kind.LABELED_STATEMENT,
            Tree.Kind.TRY, Tree.Kind.CATCH, Tree.Kind.CASE, Tree.Kind.SWITCH_EXPRESSION);

    /** Expressions that {@link ExpressionLowering} can evaluate across an await in their operands. */
    private static final Set<Tree.Kind> EXPRESSIONS = EnumSet.of(
            Tree.Kind.METHOD_INVOCATION, Tree.Kind.NEW_CLASS, Tree.Kind.NEW_ARRAY, Tree.Kind.ARRAY_ACCESS,
            Tree.Kind.MEMBER_SELECT, Tree.Kind.PARENTHESIZED, Tree.Kind.TYPE_CAST, Tree.Kind.INSTANCE_OF,
            Tree.Kind.CONDITIONAL_EXPRESSION, Tree.Kind.CONDITIONAL_AND, Tree.Kind.CONDITIONAL_OR,
            Tree.Kind.SWITCH_EXPRESSION, Tree.Kind.CASE,
            Tree.Kind.ASSIGNMENT, Tree.Kind.MULTIPLY_ASSIGNMENT, Tree.Kind.DIVIDE_ASSIGNMENT,
            Tree.Kind.REMAINDER_ASSIGNMENT, Tree.Kind.PLUS_ASSIGNMENT, Tree.Kind.MINUS_ASSIGNMENT,
            Tree.Kind.LEFT_SHIFT_ASSIGNMENT, Tree.Kind.RIGHT_SHIFT_ASSIGNMENT,
            Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, Tree.Kind.AND_ASSIGNMENT, Tree.Kind.XOR_ASSIGNMENT,
            Tree.Kind.OR_ASSIGNMENT,
            Tree.Kind.POSTFIX_INCREMENT, Tree.Kind.POSTFIX_DECREMENT, Tree.Kind.PREFIX_INCREMENT,
            Tree.Kind.PREFIX_DECREMENT, Tree.Kind.UNARY_PLUS, Tree.Kind.UNARY_MINUS,
            Tree.Kind.BITWISE_COMPLEMENT, Tree.Kind.LOGICAL_COMPLEMENT,
            Tree.Kind.MULTIPLY, Tree.Kind.DIVIDE, Tree.Kind.REMAINDER, Tree.Kind.PLUS, Tree.Kind.MINUS,
            Tree.Kind.LEFT_SHIFT, Tree.Kind.RIGHT_SHIFT, Tree.Kind.UNSIGNED_RIGHT_SHIFT,
            Tree.Kind.LESS_THAN, Tree.Kind.GREATER_THAN, Tree.Kind.LESS_THAN_EQUAL,
            Tree.Kind.GREATER_THAN_EQUAL, Tree.Kind.EQUAL_TO, Tree.Kind.NOT_EQUAL_TO, Tree.Kind.AND,
            Tree.Kind.XOR, Tree.Kind.OR, Tree.Kind.MEMBER_REFERENCE);

    /** Declarations whose lowering can assign a field instead: statements, for-loop parts. */
    private static boolean isLoweredDeclaration(TreePath path) {
        Tree parent = path.getParentPath().getLeaf();
        return parent instanceof BlockTree || parent.getKind() == Tree.Kind.FOR_LOOP
                || parent.getKind() == Tree.Kind.ENHANCED_FOR_LOOP || parent.getKind() == Tree.Kind.CATCH
                || parent.getKind() == Tree.Kind.CASE || parent.getKind() == Tree.Kind.TRY
                || parent.getKind() == Tree.Kind.BINDING_PATTERN;
    }

    private void checkNames() {
        new TreeScanner<Void, Void>() {
            private final Set<Tree> seen = Collections.newSetFromMap(new IdentityHashMap<>());

            @Override
            public Void scan(Tree tree, Void unused) {
                // Trees javac synthesized (an anonymous class's constructor) are not the user's
                // code; an anonymous class's supertype tree is reached twice.
                return tree == null || body.start(tree) < 0 || !seen.add(tree) ? null : super.scan(tree, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                reportIfUnsupported(id, names.identifier(id));
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                NameResolver.Resolution r = names.memberSelect(select);
                reportIfUnsupported(select, r);
                return r.kind() == NameResolver.Kind.VERBATIM ? super.visitMemberSelect(select, unused) : null;
            }

            @Override
            public Void visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree assign, Void unused) {
                checkPrivateReadModifyWrite(assign, assign.getVariable());
                return super.visitCompoundAssignment(assign, unused);
            }

            @Override
            public Void visitClass(ClassTree local, Void unused) {
                // Its superclass's constructor needs an enclosing instance that the machine does
                // not have (an anonymous class gets one: outer.new Inner() { ... }).
                if (local.getExtendsClause() != null && !(body.path(local).getParentPath().getLeaf() instanceof NewClassTree)
                        && body.element(local.getExtendsClause()) instanceof javax.lang.model.element.TypeElement base
                        && NameResolver.isInner(base) && names.nestedClass(body.path(local)) == null
                        && ((javax.lang.model.element.TypeElement) base.getEnclosingElement()).getNestingKind()
                                != javax.lang.model.element.NestingKind.LOCAL) {
                    report(local, Messages.notSupportedYet("a local class that extends an inner class",
                            "Extend it in a member class of the class, or make the inner class static."));
                }
                return super.visitClass(local, unused);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree ref, Void unused) {
                reportIfUnsupported(ref, names.memberReference(ref));
                return super.visitMemberReference(ref, unused);
            }

            @Override
            public Void visitNewClass(NewClassTree create, Void unused) {
                reportIfUnsupported(create, names.newClass(create));
                return super.visitNewClass(create, unused);
            }

            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                Element local = body.element(variable);
                boolean declaresLocal = local.getKind() == ElementKind.LOCAL_VARIABLE
                        || local.getKind() == ElementKind.EXCEPTION_PARAMETER
                        || local.getKind() == ElementKind.RESOURCE_VARIABLE
                        || local.getKind() == ElementKind.BINDING_VARIABLE;
                if (hoisted.contains(local) && !Denotable.keepsMembers(local.asType())) {
                    report(variable, Messages.notDenotable(variable.getName().toString(), local.asType().toString()));
                }
                if (hoisted.contains(local) && (!declaresLocal || !isLoweredDeclaration(body.path(variable)))) {
                    report(variable, Messages.notSupportedYet("a " + describe(variable)
                            + " that lives across an await", "Copy it into a local variable first."));
                }
                return super.visitVariable(variable, unused);
            }
        }.scan(body.method.getBody(), null);
    }

    /**
     * Local classes that become members of the machine (see {@link LocalClasses}) must keep
     * distinct names there, and their fields must leave room for the captured locals' copies.
     */
    private void checkMovedClasses(LocalClasses classes) {
        checkTestedAsMembers(classes);
        Set<String> names = new java.util.HashSet<>();
        for (LocalClasses.Moved moved : classes.all()) {
            ClassTree local = moved.tree();
            if (moved.captured().stream().anyMatch(v -> v.getConstantValue() == null)) {
                checkCreatedInResume(local);
            }
            if (!names.add(local.getSimpleName().toString())) {
                report(local, Messages.notSupportedYet("two local classes named " + local.getSimpleName()
                        + " followed by awaits", "Rename one of them."));
            }
            for (Tree member : local.getMembers()) {
                if (member instanceof VariableTree field && moved.captured().stream()
                        .anyMatch(v -> v.getSimpleName().equals(field.getName()))) {
                    report(field, Messages.notSupportedYet("a field of a local class named like a local it"
                            + " uses (" + field.getName() + ")", "Rename the field."));
                }
            }
        }
    }

    /**
     * A moved class that captures locals copies them from the machine's fields when an instance
     * is made: the values Java captures only where the instance is made by the body's own
     * statements. In a lambda or class body (the class's own included), the fields may hold a
     * later iteration's values by the time it runs, where Java would use the values that lambda
     * or instance captured.
     */
    private void checkCreatedInResume(ClassTree local) {
        javax.lang.model.type.TypeMirror type = body.copy.types.erasure(body.copy.trees.getElement(body.path(local)).asType());
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitNewClass(NewClassTree create, Void unused) {
                check(create, body.element(create.getIdentifier()));
                return super.visitNewClass(create, unused);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree ref, Void unused) {
                if (ref.getName().contentEquals("<init>")) {
                    check(ref, body.element(ref.getQualifierExpression()));
                }
                return super.visitMemberReference(ref, unused);
            }

            /** Reports {@code at} if it makes an instance of the class (or a subclass) in nested code. */
            private void check(Tree at, Element created) {
                if (created != null && created.asType() != null && body.insideNestedCode(at, body.method)
                        && body.copy.types.isSubtype(body.copy.types.erasure(created.asType()), type)) {
                    report(at, createdLater(local));
                }
            }
        }.scan(body.method.getBody(), null);
    }

    private static String createdLater(ClassTree local) {
        return Messages.notSupportedYet("making an instance of local class " + local.getSimpleName()
                + ", which captures locals and which an await follows, inside a lambda or class body",
                "Make the instances in the method's own statements, or pass the values to a constructor.");
    }

    /**
     * In a generic machine a moved class is an inner class of a parameterized type, which
     * {@code instanceof} cannot test and a cast checks only unchecked; as a local class it could.
     */
    private void checkTestedAsMembers(LocalClasses classes) {
        boolean generic = !body.element.getTypeParameters().isEmpty() || !body.element.getModifiers()
                .contains(javax.lang.model.element.Modifier.STATIC) && !AsyncMethod.classTypeParameters(body.owner).isEmpty();
        if (!generic || classes.all().isEmpty()) {
            return;
        }
        Set<Element> moved = new java.util.HashSet<>();
        classes.all().forEach(m -> moved.add(body.copy.trees.getElement(body.path(m.tree()))));
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitInstanceOf(com.sun.source.tree.InstanceOfTree test, Void unused) {
                check(test, test.getType());
                return super.visitInstanceOf(test, unused);
            }

            @Override
            public Void visitTypeCast(com.sun.source.tree.TypeCastTree cast, Void unused) {
                check(cast, cast.getType());
                return super.visitTypeCast(cast, unused);
            }

            private void check(Tree test, Tree type) {
                javax.lang.model.type.TypeMirror t = type == null ? null : body.type(type);
                if (t != null && moved.contains(body.copy.types.asElement(t))) {
                    report(test, Messages.notSupportedYet("instanceof or a cast to a local class that an await"
                            + " follows, in a generic method or class", "Test a supertype instead, or declare the"
                            + " class as a member of the class."));
                }
            }
        }.scan(body.method.getBody(), null);
    }

    /**
     * A read-modify-write of a private field reads it through a handle and stores through
     * another, naming its object twice: see {@link NameResolver#privateReadModifyWrite}.
     */
    private void checkPrivateReadModifyWrite(Tree write, ExpressionTree target) {
        if (names.privateReadModifyWrite(write, target) == NameResolver.ReadModifyWrite.UNSUPPORTED) {
            report(write, Messages.notSupportedYet("a compound assignment to a private field of an object computed"
                    + " in place, whose value is used, or that is a for update or the body of an expression lambda",
                    "Put the object in a local first."));
        }
    }

    private boolean awaitsAfter(BlockTree block, Tree declaration) {
        for (StatementTree s : block.getStatements()) {
            if (body.start(s) > body.start(declaration) && body.containsAwait(s)) {
                return true;
            }
        }
        return false;
    }

    private void reportIfUnsupported(Tree tree, NameResolver.Resolution r) {
        if (r.kind() == NameResolver.Kind.UNSUPPORTED) {
            report(tree, r.why());
        }
    }

    private String describe(Tree tree) {
        if (tree instanceof VariableTree v) {
            return switch (body.element(v).getKind()) {
                case BINDING_VARIABLE -> "pattern variable";
                case EXCEPTION_PARAMETER -> "catch parameter";
                case RESOURCE_VARIABLE -> "resource variable";
                default -> "variable declared in this position";
            };
        }
        return switch (tree.getKind()) {
            case WHILE_LOOP -> "a while loop";
            case DO_WHILE_LOOP -> "a do/while loop";
            case FOR_LOOP, ENHANCED_FOR_LOOP -> "a for loop";
            case TRY -> "a try statement";
            case CATCH -> "a catch block";
            case SWITCH -> "a switch statement";
            case CASE -> body.path(tree).getParentPath().getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION
                    ? "a switch expression" : "a switch statement";
            case ASSERT -> "an assert statement";
            case SWITCH_EXPRESSION -> "a switch expression";
            case LABELED_STATEMENT -> "a labeled statement";
            default -> tree.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
