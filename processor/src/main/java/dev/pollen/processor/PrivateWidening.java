package dev.pollen.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Where a value of a private type P flows, and the cast that widens its projection S there: a
 * value of P used as an accessible interface it implements ({@code Runnable r = p}, passing it
 * as a {@code CharSequence}, {@code p.run()}) is a value of that type in the source, but S is
 * not one, so the machine casts it ({@code (Runnable) p}), which cannot fail. Used by
 * {@link PrivateTypeChecks} (what is left is reported) and {@link Renderer} (which casts).
 */
final class PrivateWidening {
    private final Body body;
    private final NameResolver names;
    private final Types types;

    PrivateWidening(Body body, NameResolver names) {
        this.body = body;
        this.names = names;
        this.types = body.copy.types;
    }

    /**
     * The accessible type the value at {@code path} (its type naming a private type) must be cast
     * to where it flows, or null when its projection flows there as it is, or no cast can help.
     */
    TypeMirror castTarget(TreePath path) {
        Tree value = path.getLeaf();
        TypeMirror type = body.type(value);
        if (!(type instanceof DeclaredType declared) || !Denotable.isPrivate((TypeElement) declared.asElement())) {
            return null; // List<P> as List<? extends Runnable>: no cast from List<S> can express it
        }
        TypeMirror target = path.getParentPath().getLeaf() instanceof MemberSelectTree select
                ? receiverTarget(select, declared) : target(path.getParentPath(), value);
        return target != null && target.getKind() == TypeKind.DECLARED && !Denotable.mentionsPrivate(target)
                && types.isAssignable(type, target) && !types.isAssignable(body.projection(type), target) ? target : null;
    }

    /**
     * The receiver of a member that is not reached through a handle: the supertype of P that
     * declares it ({@code Runnable} for {@code p.run()}), where S lacks it.
     */
    private TypeMirror receiverTarget(MemberSelectTree select, DeclaredType type) {
        Element member = body.element(select);
        if (member == null || names.reachedThroughHandle(member)
                || !(member.getEnclosingElement() instanceof TypeElement owner)) {
            return null;
        }
        return supertypeOf(type, owner);
    }

    /** The supertype of {@code type} whose class is {@code owner}, with its type arguments; null when none. */
    private TypeMirror supertypeOf(TypeMirror type, TypeElement owner) {
        if (type instanceof DeclaredType declared && declared.asElement().equals(owner)) {
            return type;
        }
        for (TypeMirror supertype : types.directSupertypes(type)) {
            TypeMirror found = supertypeOf(supertype, owner);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The type {@code value}, a child of {@code parentPath}'s tree, is converted to; null when unknown. */
    TypeMirror target(TreePath parentPath, Tree value) {
        Tree parent = parentPath.getLeaf();
        if (parent instanceof ConditionalExpressionTree c && c.getCondition() != value) {
            return body.type(c);
        }
        if (parent instanceof VariableTree variable) {
            return body.element(variable).asType();
        }
        if (parent instanceof AssignmentTree assign) {
            return body.type(assign.getVariable());
        }
        if (parent instanceof MethodInvocationTree call && body.type(call.getMethodSelect()) instanceof ExecutableType method) {
            return parameter(method, ((ExecutableElement) body.element(call)).isVarArgs(), call.getArguments(), value);
        }
        if (parent instanceof NewClassTree create && create.getClassBody() == null
                && body.element(create) instanceof ExecutableElement constructor
                && body.type(create) instanceof DeclaredType created) {
            return parameter((ExecutableType) types.asMemberOf(created, constructor), constructor.isVarArgs(),
                    create.getArguments(), value);
        }
        if (parent instanceof NewArrayTree array) {
            return array.getInitializers() != null && array.getInitializers().contains(value)
                    ? ((ArrayType) body.type(array)).getComponentType() : null;
        }
        if (parent instanceof com.sun.source.tree.YieldTree) {
            TreePath p = parentPath;
            while (p.getLeaf().getKind() != Tree.Kind.SWITCH_EXPRESSION) {
                p = p.getParentPath();
            }
            return body.type(p.getLeaf());
        }
        if (parent instanceof com.sun.source.tree.CaseTree c && c.getBody() == value) {
            // case L -> value: the value of a switch expression (a statement switch's is dropped).
            Tree owner = parentPath.getParentPath().getLeaf();
            return owner.getKind() == Tree.Kind.SWITCH_EXPRESSION ? body.type(owner) : null;
        }
        if (parent instanceof ReturnTree || parent instanceof LambdaExpressionTree) {
            return returnType(parentPath);
        }
        return null;
    }

    /** The type of the parameter that {@code value}, one of {@code arguments}, is passed to. */
    private static TypeMirror parameter(ExecutableType method, boolean varArgs, List<? extends ExpressionTree> arguments,
            Tree value) {
        List<? extends TypeMirror> parameters = method.getParameterTypes();
        int i = arguments.indexOf(value);
        if (i < 0) {
            return null; // the method or class named, not an argument
        }
        if (varArgs && i >= parameters.size() - 1) {
            TypeMirror last = parameters.get(parameters.size() - 1);
            // One argument in the varargs position may be the array itself; the element type is stricter.
            return arguments.size() == parameters.size() && i == parameters.size() - 1 ? last
                    : ((ArrayType) last).getComponentType();
        }
        return parameters.get(i);
    }

    /** The return type of the lambda or method that a {@code return} at {@code path} leaves. */
    private TypeMirror returnType(TreePath path) {
        for (TreePath p = path; p != null; p = p.getParentPath()) {
            if (p.getLeaf() instanceof LambdaExpressionTree lambda) {
                DeclaredType functional = (DeclaredType) body.type(lambda);
                return ((ExecutableType) types.asMemberOf(functional, names.functionalMethod(functional))).getReturnType();
            }
            if (p.getLeaf() instanceof com.sun.source.tree.MethodTree method) {
                // The @Async method, or a method of a class declared in the body.
                return ((ExecutableElement) body.element(method)).getReturnType();
            }
        }
        return null;
    }

}
