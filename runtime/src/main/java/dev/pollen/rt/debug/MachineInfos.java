package dev.pollen.rt.debug;

import dev.pollen.internal.MachineInfo;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a generated machine's {@link MachineInfo} once per class. A class without it (a
 * hand-written future, or a machine from a processor whose format version this runtime does not
 * know) has none: callers then describe it by its class.
 */
public final class MachineInfos {
    private static final ClassValue<Optional<Info>> INFOS = new ClassValue<>() {
        @Override
        protected Optional<Info> computeValue(Class<?> type) {
            MachineInfo m = type.getAnnotation(MachineInfo.class);
            if (m == null || m.version() != MachineInfo.VERSION || m.lines().length % 4 != 0
                    || m.fields().length != m.locals().length) {
                return Optional.empty();
            }
            return Optional.of(new Info(m.source(), m.declaringClass(), m.method(), m.line(), m.states(),
                    m.awaits(), m.fields(), m.locals(), m.lines()));
        }
    };

    private MachineInfos() {}

    /** The metadata of {@code machineClass}, or null if it has none this runtime can read. */
    public static Info of(Class<?> machineClass) {
        return INFOS.get(machineClass).orElse(null);
    }

    /** One machine class's metadata, as {@link MachineInfo} documents it. Arrays are never modified. */
    public record Info(String source, String declaringClass, String method, int line, int[] states, int[] awaits,
            String[] fields, String[] locals, int[] lines) {

        /** The user line of a generated line, or 0 if the map has none. */
        public int userLine(int generatedLine) {
            for (int i = 0; i < lines.length; i += 4) {
                int start = lines[i + 2];
                int length = lines[i + 1] * lines[i + 3];
                if (generatedLine >= start && generatedLine < start + length) {
                    return lines[i] + (generatedLine - start) / lines[i + 3];
                }
            }
            return 0;
        }

        /** The user line of state {@code s}, or 0 for a state the metadata does not name. */
        public int stateLine(int s) {
            return s >= 0 && s < states.length ? states[s] : 0;
        }

        /** Whether {@code s} is an await's resume point. */
        public boolean isAwait(int s) {
            return Arrays.binarySearch(awaits, s) >= 0;
        }

        /** The source name of the machine's field {@code field}, or {@code field} itself. */
        public String localName(String field) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].equals(field)) {
                    return locals[i];
                }
            }
            return field;
        }

        /** {@code Demo.fetch}, {@code Outer.Inner.run}: the method as a user names it. */
        public String methodName() {
            String type = declaringClass.substring(declaringClass.lastIndexOf('.') + 1).replace('$', '.');
            return type + "." + method;
        }

        /** A stack frame of the method at user line {@code userLine} (unknown if not positive). */
        public StackTraceElement frame(int userLine) {
            return new StackTraceElement(declaringClass, method, source, userLine > 0 ? userLine : -1);
        }
    }
}
