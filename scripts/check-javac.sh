#!/usr/bin/env bash
# Compiles the demo with plain javac (no Maven) and Pollen's processor on -processorpath, then
# runs it, on the JDK given as the first argument (or $JAVA_HOME, or the javac on the PATH).
#
#   scripts/check-javac.sh [JAVA_HOME]
#
# Needs the jars built first: mvn -q install -DskipTests (or package), from the repository root.
# Fails (exit 1) on any javac warning or error, on missing generated sources, on any output to
# standard error when running, and on printed lines other than those the README shows (the demo runs on
# the real clock, about 5 s; times may be off by at most 0.05 s). On JDK 21+, also compiles and runs
# scripts/newer (Java 21 constructs in @Async bodies) with --release 21, and checks that with
# --release 17 only javac's own errors reject them.
# Overrides: RUNTIME_JAR, PROCESSOR_JAR, JAVAPOET_JAR, M2_REPO (default ~/.m2/repository).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java_home=${1:-${JAVA_HOME:-}}
if [[ -n $java_home ]]; then
    javac=$java_home/bin/javac
    java=$java_home/bin/java
else
    javac=$(command -v javac)
    java=$(command -v java)
fi

fail() { echo "check-javac: FAIL: $*" >&2; exit 1; }

jar_in() { # the main jar of a module: not -tests, -sources or -javadoc
    local found
    found=$(find "$root/$1/target" -maxdepth 1 -name "pollen-$1-*.jar" \
        ! -name '*-tests.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' 2>/dev/null | sort | tail -n 1)
    [[ -n $found ]] || fail "no $1 jar in $root/$1/target: run 'mvn -q install -DskipTests' first"
    echo "$found"
}
runtime_jar=${RUNTIME_JAR:-$(jar_in runtime)}
processor_jar=${PROCESSOR_JAR:-$(jar_in processor)}
javapoet_version=$(sed -n 's:.*<javapoet.version>\(.*\)</javapoet.version>.*:\1:p' "$root/pom.xml")
javapoet_jar=${JAVAPOET_JAR:-${M2_REPO:-$HOME/.m2/repository}/com/palantir/javapoet/javapoet/$javapoet_version/javapoet-$javapoet_version.jar}
for f in "$runtime_jar" "$processor_jar" "$javapoet_jar"; do
    [[ -f $f ]] || fail "missing $f"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes" "$work/generated"

echo "check-javac: $("$javac" -version 2>&1)"
set +e
"$javac" --release 17 -Xlint:all \
    -cp "$runtime_jar" \
    -processorpath "$processor_jar:$javapoet_jar" \
    -d "$work/classes" -s "$work/generated" \
    "$root/demo/src/main/java/dev/pollen/demo/Demo.java" >"$work/javac.out" 2>&1
status=$?
set -e
cat "$work/javac.out"
[[ $status -eq 0 ]] || fail "javac exited with $status"
[[ ! -s $work/javac.out ]] || fail "javac printed warnings or errors (above)"
[[ -f $work/generated/dev/pollen/demo/DemoAsync.java ]] || fail "the processor generated no DemoAsync.java"
[[ -f $work/classes/dev/pollen/demo/DemoAsync.class ]] || fail "DemoAsync was not compiled"

set +e
"$java" -cp "$work/classes:$runtime_jar" dev.pollen.demo.Demo >"$work/out" 2>"$work/err"
status=$?
set -e
cat "$work/out"
cat "$work/err" >&2
[[ $status -eq 0 ]] || fail "the demo exited with $status"
[[ ! -s $work/err ]] || fail "the demo wrote to standard error (above)"

# The lines the README shows, in order: id and expected time; the printed time may differ by 0.05 s.
LC_ALL=C awk -v expected="1 1.00|2 3.00|1 1.00|2 2.00" '
    BEGIN { n = split(expected, want, "|") }
    {
        line = $0; sub(/\r$/, "", line)
        if (NR > n) { print "unexpected extra line: " line; bad = 1; next }
        split(want[NR], w, " ")
        if (line !~ /^Future got [0-9]+ at time: [0-9]+\.[0-9][0-9]\.$/) { print "malformed line " NR ": " line; bad = 1; next }
        id = line; sub(/^Future got /, "", id); sub(/ .*/, "", id)
        t = line; sub(/.* time: /, "", t); sub(/\.$/, "", t)
        d = t - w[2]; if (d < 0) d = -d
        if (id != w[1] || d > 0.05 + 1e-9) { print "line " NR " is \"" line "\", expected id " w[1] " at " w[2] " (+-0.05)"; bad = 1 }
    }
    END { if (NR != n) { print "expected " n " lines, got " NR; bad = 1 } exit bad }
' "$work/out" || fail "wrong output"
# On JDK 21+, constructs newer than Java 17 in @Async bodies (scripts/newer): with --release 21
# they compile without a warning and run as Java says; with --release 17 javac rejects them
# itself, and Pollen adds nothing to its errors.
version=$("$javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
if (( version >= 21 )); then
    mkdir -p "$work/newer17" "$work/newer21"
    set +e
    "$javac" --release 17 -cp "$runtime_jar" -processorpath "$processor_jar:$javapoet_jar" \
        -d "$work/newer17" -s "$work/newer17" "$root/scripts/newer/Shapes.java" >"$work/newer17.out" 2>&1
    status=$?
    set -e
    if [[ $status -eq 0 ]] || grep -q 'Pollen\|Exception' "$work/newer17.out" \
            || ! grep -q 'not supported in -source 17' "$work/newer17.out"; then
        cat "$work/newer17.out"
        fail "with --release 17, expected javac's own errors for Java 21 constructs and nothing from Pollen (above)"
    fi
    set +e
    "$javac" --release 21 -Xlint:all -cp "$runtime_jar" -processorpath "$processor_jar:$javapoet_jar" \
        -d "$work/newer21" -s "$work/newer21" "$root/scripts/newer/Shapes.java" >"$work/newer21.out" 2>&1
    status=$?
    set -e
    if [[ $status -ne 0 || -s $work/newer21.out ]]; then
        cat "$work/newer21.out"
        fail "Java 21 constructs in @Async bodies did not compile cleanly with --release 21 (above)"
    fi
    "$java" -cp "$work/newer21:$runtime_jar" newer.Shapes >"$work/newer.run" 2>&1 || { cat "$work/newer.run"; fail "newer.Shapes failed"; }
    expected=$'10\n-1\nnull\nlong abc\nshort ab!\nother\nMatchException: accessor 5\ndiagonal 2\npoint 1\nline 5'
    if [[ $(cat "$work/newer.run") != "$expected" ]]; then
        cat "$work/newer.run"
        fail "newer.Shapes printed the lines above, expected:"$'\n'"$expected"
    fi
    echo "check-javac: Java 21 constructs in @Async bodies compile and run (--release 21), javac alone rejects them at 17"
fi
echo "check-javac: OK"
