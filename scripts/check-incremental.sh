#!/usr/bin/env bash
# Rebuilds a copy of it/consumer without 'clean' after editing one @Async method, and checks that
# the program prints what the new body says: Maven's incremental compile (which recompiles the
# module when a source changed), then maven-compiler-plugin with useIncrementalCompilation=false
# (which compiles only the changed file, the rest coming from target/classes), then 'mvn verify'
# (test-compile and tests against the rebuilt machines).
#
#   scripts/check-incremental.sh
#
# Needs Pollen installed in the local Maven repository first: mvn -q install -DskipTests.
# Uses the mvn and java on the PATH (and JAVA_HOME, as Maven does). Override: M2_REPO.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's:.*<pollen.version>\(.*\)</pollen.version>.*:\1:p' "$root/it/consumer/pom.xml")
runtime_jar=${M2_REPO:-$HOME/.m2/repository}/dev/pollen/pollen-runtime/$version/pollen-runtime-$version.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

fail() { echo "check-incremental: FAIL: $*" >&2; exit 1; }
[[ -f $runtime_jar ]] || fail "missing $runtime_jar: run 'mvn -q install -DskipTests' first"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$root/it/consumer/." "$work"
cd "$work"
greeter=src/main/java/example/Greeter.java

mvn_in_copy() { # runs Maven in the copy, keeping its log to show on failure
    mvn -B "$@" >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log"; fail "mvn $* failed"; }
}
expect_output() {
    local out
    out=$("$java" -cp "target/classes:$runtime_jar" example.Main)
    [[ $out == "$1" ]] || fail "after $2: printed '$out', expected '$1'"
    echo "check-incremental: after $2: $out"
}
edit_greeting() { # replaces the greeting in the body of the @Async method greet
    sed -i "s/return \"$1 \" + name;/return \"$2 \" + name;/" "$greeter"
    grep -q "return \"$2 \" + name;" "$greeter" || fail "could not edit $greeter"
}

mvn_in_copy verify
expect_output "hello ada; | hello bob; | " "the first build"

edit_greeting hello hi
mvn_in_copy compile
expect_output "hi ada; | hi bob; | " "an incremental 'mvn compile'"

edit_greeting hi hey
mvn_in_copy compile -Dmaven.compiler.useIncrementalCompilation=false
grep -q "Compiling 1 source file" "$work/mvn.log" || { cat "$work/mvn.log"; fail "expected a compile of Greeter.java alone"; }
expect_output "hey ada; | hey bob; | " "compiling Greeter.java alone"

sed -i 's/"hello ada; | hello bob; | "/"hey ada; | hey bob; | "/' src/test/java/example/GreeterTest.java
mvn_in_copy verify
grep -q "Tests run: 1, Failures: 0" "$work/mvn.log" || { cat "$work/mvn.log"; fail "GreeterTest did not run"; }
echo "check-incremental: after 'mvn verify' without clean: GreeterTest passed"
echo "check-incremental: OK"
