#!/usr/bin/env bash
# Builds a new Maven project made from the README's own Maven snippet (the first ```xml block under
# "### Maven", pasted into a minimal pom's <project>) with one @Async method and a main, then runs
# it: the README's setup works as printed, and cannot drift from what CI checks.
#
#   scripts/check-readme-maven.sh
#
# Needs Pollen installed in the local repository first (mvn -q install -DskipTests). Fails (exit 1)
# if the snippet is missing, the build fails or warns, the facade is not generated, or the program
# prints anything but the expected line. Overrides: M2_REPO (the local repository, default
# ~/.m2/repository), MVN_FLAGS (extra Maven options, e.g. -o), JAVA_HOME (as for Maven).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
m2_repo=${M2_REPO:-$HOME/.m2/repository}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

fail() { echo "check-readme-maven: FAIL: $*" >&2; exit 1; }

# The snippet: from "### Maven" to the next heading, the lines between the first ```xml and ```.
snippet=$(awk '
    /^### Maven$/ { in_section = 1; next }
    in_section && /^#/ { exit }
    in_section && !in_block && /^```xml$/ { in_block = 1; next }
    in_block && /^```$/ { exit }
    in_block { print }
' "$root/README.md")
[[ -n $snippet ]] || fail "no \`\`\`xml block under '### Maven' in README.md"
runtime_version=$(awk '/<artifactId>pollen-runtime<\/artifactId>/ { getline; print; exit }' <<<"$snippet" \
    | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')
[[ -n $runtime_version ]] || fail "the snippet names no pollen-runtime version on the line after its artifactId"
runtime_jar=$m2_repo/dev/pollen/pollen-runtime/$runtime_version/pollen-runtime-$runtime_version.jar

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
    cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>readme-maven</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
EOF
    echo "$snippet"
    echo "</project>"
} >"$work/pom.xml"

mkdir -p "$work/src/main/java/example"
cat >"$work/src/main/java/example/Main.java" <<'EOF'
package example;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.Poll;

public class Main {
    @Async
    static int sum(Future<Integer> a, Future<Integer> b) {
        return await(a) + await(b);
    }

    public static void main(String[] args) {
        Future<Integer> one = cx -> Poll.ready(1);
        Future<Integer> two = cx -> Poll.ready(2);
        System.out.println("sum = " + Executor.blockOn(MainAsync.sum(one, two)));
    }
}
EOF

echo "check-readme-maven: building a project from README.md's Maven snippet in $work"
# shellcheck disable=SC2086 # MVN_FLAGS is a list of options
if ! mvn -B -f "$work/pom.xml" -Dmaven.repo.local="$m2_repo" ${MVN_FLAGS:-} compile >"$work/mvn.out" 2>&1; then
    cat "$work/mvn.out"
    fail "the build failed (above)"
fi
if grep -q '^\[WARNING\]' "$work/mvn.out"; then
    cat "$work/mvn.out"
    fail "the build warned (above)"
fi
[[ -f $work/target/generated-sources/annotations/example/MainAsync.java ]] || fail "the processor generated no MainAsync.java"
[[ -f $runtime_jar ]] || fail "missing $runtime_jar"
output=$("$java" -cp "$work/target/classes:$runtime_jar" example.Main 2>&1)
[[ $output == "sum = 3" ]] || fail "expected 'sum = 3', the program printed: $output"
echo "check-readme-maven: OK (the README's snippet builds and runs)"
