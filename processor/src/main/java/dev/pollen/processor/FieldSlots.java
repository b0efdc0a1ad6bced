package dev.pollen.processor;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * Stage "analyse", part 4: which locals share a field. Two locals of the same type share one
 * when their lifetimes cannot overlap: their scopes ({@link Liveness#scope}) are disjoint parts
 * of the body, so at most one of them is in scope at any time (blocks are entered at their start
 * and left for good), and each is assigned before it is read. Kotlin and Roslyn reuse slots the
 * same way; it keeps a machine with many sibling blocks small.
 */
final class FieldSlots {
    private FieldSlots() {}

    /** {@code locals} in groups that share a field, each group and the groups in source order. */
    static List<List<VariableElement>> of(Body body, Set<VariableElement> locals) {
        Map<Element, Tree> scopes = new HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                Element e = body.element(variable);
                if (locals.contains(e)) {
                    scopes.put(e, Liveness.scope(body, variable));
                }
                return super.visitVariable(variable, unused);
            }
        }.scan(body.method.getBody(), null);

        List<List<VariableElement>> slots = new ArrayList<>();
        for (VariableElement local : locals) {
            TypeName type = body.typeName(local.asType());
            List<VariableElement> shared = null;
            for (List<VariableElement> slot : slots) {
                if (body.typeName(slot.get(0).asType()).equals(type)
                        && slot.stream().allMatch(other -> disjoint(body, scopes.get(other), scopes.get(local)))) {
                    shared = slot;
                    break;
                }
            }
            if (shared == null) {
                shared = new ArrayList<>();
                slots.add(shared);
            }
            shared.add(local);
        }
        return slots;
    }

    private static boolean disjoint(Body body, Tree a, Tree b) {
        return body.end(a) <= body.start(b) || body.end(b) <= body.start(a);
    }
}
