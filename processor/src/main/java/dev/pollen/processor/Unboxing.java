package dev.pollen.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;

/**
 * Which operand Java unboxes where it stands. Javac converts an operand right after evaluating
 * it, before the operands to its right (JLS 15.7: {@code nullBoxed + await(f)} throws before
 * {@code f} is awaited), so an operand saved across an await is saved in its primitive type: a
 * null box then fails where it does in Java. The other implicit conversions cannot fail or be
 * observed that early (string conversion runs in the concatenation, after all its operands).
 */
final class Unboxing {
    private Unboxing() {}

    /** The primitive type {@code operand} is unboxed to in its context, or null if it is not unboxed. */
    static TypeMirror target(Body body, ExpressionTree operand) {
        TypeMirror type = body.type(operand);
        if (type.getKind().isPrimitive() || body.unboxed(type) == null) {
            return null;
        }
        return unboxes(body, body.path(operand).getParentPath().getLeaf(), operand) ? body.unboxed(type) : null;
    }

    private static boolean unboxes(Body body, Tree parent, ExpressionTree operand) {
        if (parent instanceof BinaryTree binary) {
            return switch (binary.getKind()) {
                // Reference equality when both are references (JLS 15.21.3).
                case EQUAL_TO, NOT_EQUAL_TO -> body.type(binary.getLeftOperand()).getKind().isPrimitive()
                        || body.type(binary.getRightOperand()).getKind().isPrimitive();
                // String concatenation converts its operands to strings, not to numbers (JLS 15.18.1).
                case PLUS -> body.type(binary).getKind().isPrimitive();
                default -> true;
            };
        }
        if (parent instanceof ArrayAccessTree access) {
            return access.getIndex() == operand;
        }
        if (parent instanceof NewArrayTree array) {
            return array.getDimensions().contains(operand)
                    || ((ArrayType) body.type(array)).getComponentType().getKind().isPrimitive();
        }
        if (parent instanceof MethodInvocationTree call) {
            return isPrimitiveParameter(body.element(call), call.getArguments(), operand);
        }
        if (parent instanceof NewClassTree create) {
            return isPrimitiveParameter(body.element(create), create.getArguments(), operand);
        }
        return false;
    }

    /** Whether the parameter that receives {@code argument} (or the variable arity one's element) is primitive. */
    private static boolean isPrimitiveParameter(Element callee, List<? extends ExpressionTree> arguments,
            ExpressionTree argument) {
        if (!(callee instanceof ExecutableElement method)) {
            return false;
        }
        int index = arguments.indexOf(argument);
        int last = method.getParameters().size() - 1;
        if (index < 0 || last < 0) {
            return false;
        }
        TypeMirror parameter = method.getParameters().get(Math.min(index, last)).asType();
        if (method.isVarArgs() && index >= last && parameter instanceof ArrayType array) {
            // A box is never an array, so it goes to an element of the variable arity parameter.
            parameter = array.getComponentType();
        }
        return parameter.getKind().isPrimitive();
    }
}
