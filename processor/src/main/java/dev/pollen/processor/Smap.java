package dev.pollen.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * The line section says the same map as the quadruples, in a normal form that JDI handles well:
 * one entry per run of generated lines that have the same user line ({@link #runs}), and one
 * entry for consecutive single lines of consecutive user lines (copied text). The {@code Java}
 * stratum (the generated source's own lines) stays available to any tool that asks for it by name.
 */
final class Smap {
    static final String STRATUM = "Pollen";
    /** More generated lines than any source file has: a map that claims more is corrupt. */
    private static final int MAX_LINES = 1 << 20;

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
        List<int[]> runs = runs(userLines(lines));
        for (int i = 0; i < runs.size(); ) {
            int[] run = runs.get(i); // {generatedLine, length, userLine}
            int count = 1;
            if (run[1] == 1) { // single lines of consecutive user lines: one entry, as copied text is
                while (i + count < runs.size() && runs.get(i + count)[1] == 1
                        && runs.get(i + count)[0] == run[0] + count && runs.get(i + count)[2] == run[2] + count) {
                    count++;
                }
            }
            smap.append(run[2]).append("#1,").append(count).append(':').append(run[0]).append(',').append(run[1])
                    .append('\n');
            i += count;
        }
        return smap.append("*E\n").toString();
    }

    /** The user line of each generated line the quadruples map, by generated line. */
    private static SortedMap<Integer, Integer> userLines(int[] lines) {
        SortedMap<Integer, Integer> userLines = new TreeMap<>();
        for (int i = 0; i < lines.length; i += 4) {
            int user = lines[i], count = lines[i + 1], generated = lines[i + 2], increment = lines[i + 3];
            if (user < 1 || count < 1 || generated < 1 || increment < 1) {
                throw new IllegalArgumentException("line map entry " + (i / 4) + " {" + user + ", " + count + ", "
                        + generated + ", " + increment + "} has a number below 1");
            }
            if ((long) count * increment > MAX_LINES) {
                throw new IllegalArgumentException("line map entry " + (i / 4) + " spans more than " + MAX_LINES + " lines");
            }
            for (int j = 0; j < count * increment; j++) {
                if (userLines.put(generated + j, user + j / increment) != null) {
                    throw new IllegalArgumentException("generated line " + (generated + j) + " is mapped twice");
                }
            }
        }
        return userLines;
    }

    /**
     * Maximal runs of consecutive generated lines with the same user line, {@code {generatedLine,
     * length, userLine}}. Each run must be one entry of the line section: JDI gives every entry
     * its own breakpoint location, so one user line split over two adjacent entries (as in
     * {@code 18#1,2:49,1} then {@code 19#1,1:51,7}, where generated lines 50 and 51 are both
     * line 19) would stop twice in a row.
     */
    private static List<int[]> runs(SortedMap<Integer, Integer> userLines) {
        List<int[]> runs = new ArrayList<>();
        int[] run = null;
        for (Map.Entry<Integer, Integer> line : userLines.entrySet()) {
            if (run != null && line.getKey() == run[0] + run[1] && line.getValue() == run[2]) {
                run[1]++;
            } else {
                run = new int[] {line.getKey(), 1, line.getValue()};
                runs.add(run);
            }
        }
        return runs;
    }
}
