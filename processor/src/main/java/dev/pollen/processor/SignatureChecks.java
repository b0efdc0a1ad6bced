package dev.pollen.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;

/**
 * Stage "validate": what can be decided from an {@code @Async} method's declaration alone.
 * Each entry is a full diagnostic text for the method.
 */
final class SignatureChecks {
    private SignatureChecks() {}

    /** Problems that make the facade itself impossible: the class cannot be named from outside. */
    static List<String> facadeProblems(ExecutableElement method) {
        List<String> problems = new ArrayList<>();
        for (Element e = method.getEnclosingElement(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
            if (type.getModifiers().contains(Modifier.PRIVATE) || type.getNestingKind() == NestingKind.LOCAL
                    || type.getNestingKind() == NestingKind.ANONYMOUS) {
                String name = type.getSimpleName().toString();
                problems.add(Messages.unreachableClass(name.isEmpty() ? "an anonymous class" : name));
                break;
            }
        }
        return problems;
    }

    /** Problems that leave the facade possible but the body impossible to turn into a machine. */
    static List<String> bodyProblems(ExecutableElement method) {
        List<String> problems = new ArrayList<>();
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.add(Messages.notConcrete(owner.getKind() == ElementKind.INTERFACE
                    ? "an interface method without a body" : "an abstract method"));
        } else if (method.getModifiers().contains(Modifier.NATIVE)) {
            problems.add(Messages.notConcrete("a native method"));
        }
        if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            problems.add(Messages.synchronizedMethod());
        }
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            for (TypeParameterElement mine : method.getTypeParameters()) {
                for (TypeParameterElement classes : owner.getTypeParameters()) {
                    if (mine.getSimpleName().equals(classes.getSimpleName())) {
                        problems.add(Messages.notSupportedYet("a method type variable that hides the class's ("
                                + mine.getSimpleName() + ")", "Rename the method's type variable."));
                    }
                }
            }
        }
        return problems;
    }
}
