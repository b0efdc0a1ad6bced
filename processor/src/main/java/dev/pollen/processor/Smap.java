package dev.pollen.processor;

/**
 * The JSR-45 source map (SMAP) of one machine class: one stratum, {@value #STRATUM}, made the
 * default stratum, with one file (the user's source) and the line map of {@code @MachineInfo}.
 * For {@code p.DemoAsync$fetch} from {@code p/Demo.java}:
 *
 * <pre>
 * SMAP
 * DemoAsync$fetch.java        the generated source (informational)
 * Pollen                      the default stratum: debuggers show and take the user's lines
 * *S Pollen
 * *F
 * + 1 Demo.java               file id 1: its name ...
 * p/Demo.java                 ... and its path (a debugger finds it on its source path)
 * *L
 * 17#1,1:80,7                 Demo.java:17 is generated lines 80..86
 * 18#1,2:88,1                 Demo.java:18..19 are generated lines 88..89
 * *E
 * </pre>
 *
 * The {@code Java} stratum (the generated source's own lines) stays available to any tool that
 * asks for it by name.
 */
final class Smap {
    static final String STRATUM = "Pollen";

    private Smap() {}

    /**
     * The SMAP text.
     *
     * @param generatedFile the generated source's file name, {@code DemoAsync$fetch.java}
     * @param source the user's file name, {@code Demo.java}
     * @param declaringClass the binary name of the class that declares the method; its package
     *        gives the source's path
     * @param lines {@code @MachineInfo.lines}: quadruples {@code {userLine, count, generatedLine,
     *        increment}} in JSR-45's order
     * @throws IllegalArgumentException if the map is not one JSR-45 can say
     */
    static String of(String generatedFile, String source, String declaringClass, int[] lines) {
        if (lines.length == 0 || lines.length % 4 != 0) {
            throw new IllegalArgumentException("the line map has " + lines.length + " numbers, not a positive multiple of 4");
        }
        if (source.isEmpty() || source.contains("\n") || generatedFile.contains("\n")) {
            throw new IllegalArgumentException("the source file name \"" + source + "\" cannot be written in a source map");
        }
        int dot = declaringClass.lastIndexOf('.');
        String path = dot < 0 ? source : declaringClass.substring(0, dot).replace('.', '/') + "/" + source;
        StringBuilder smap = new StringBuilder()
                .append("SMAP\n").append(generatedFile).append('\n').append(STRATUM).append('\n')
                .append("*S ").append(STRATUM).append('\n')
                .append("*F\n").append("+ 1 ").append(source).append('\n').append(path).append('\n')
                .append("*L\n");
        for (int i = 0; i < lines.length; i += 4) {
            int user = lines[i], count = lines[i + 1], generated = lines[i + 2], increment = lines[i + 3];
            if (user < 1 || count < 1 || generated < 1 || increment < 1) {
                throw new IllegalArgumentException("line map entry " + (i / 4) + " {" + user + ", " + count + ", "
                        + generated + ", " + increment + "} has a number below 1");
            }
            smap.append(user).append("#1,").append(count).append(':').append(generated).append(',').append(increment)
                    .append('\n');
        }
        return smap.append("*E\n").toString();
    }
}
