#!/usr/bin/env bash
# Links the JDK that Fray runs its tests on: JDK 25 with Fray's instrumentation of java.base
# (jlink's --fray-instrumentation plugin), at OUTPUT, as fray-plugins-maven's prepare-fray
# would. Why not let prepare-fray do it: it links with --module-path=<jdk>/jmods and
# --add-modules=ALL-MODULE-PATH, and Temurin 25 ships no jmods/ (JEP 493), so its jlink fails
# with "No module found in module path". Linking from the run-time image works; that needs an
# explicit module list, without jdk.jlink (a run-time image link cannot include it) and
# jdk.jpackage (which requires jdk.jlink).
#
# prepare-fray skips its own jlink when OUTPUT/fray-version holds its version: this script
# writes that marker last, and does nothing when it is already there.
#
# usage: link-jdk.sh JDK25_HOME OUTPUT FRAY_VERSION CLASSPATH
#   CLASSPATH: fray-instrumentation-jdk and its dependencies (from exec-maven-plugin).
set -euo pipefail

jdk=$1
out=$2
version=$3
classpath=$4

if [[ -f $out/fray-version && $(<"$out/fray-version") == "$version" ]]; then
    exit 0
fi
if [[ ! -x $jdk/bin/jlink ]]; then
    echo "link-jdk.sh: no JDK at $jdk (Fray's tests need a JDK 25 with jlink;" \
         "set -Dfray.jdk25=<its home>)" >&2
    exit 1
fi
if ! "$jdk/bin/java" -version 2>&1 | grep -q '"25'; then
    echo "link-jdk.sh: $jdk is not a JDK 25 (Fray 0.9 instruments JDK 25 only):" >&2
    "$jdk/bin/java" -version >&2
    exit 1
fi
agent=$(tr ':' '\n' <<<"$classpath" | grep '/fray-instrumentation-jdk-[^/]*\.jar$' || true)
if [[ -z $agent ]]; then
    echo "link-jdk.sh: fray-instrumentation-jdk is not on the class path: $classpath" >&2
    exit 1
fi
modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' \
    | grep -v -x -e jdk.jlink -e jdk.jpackage | paste -sd, -)

rm -rf "$out"
mkdir -p "$(dirname "$out")"
"$jdk/bin/jlink" \
    "-J-javaagent:$agent" \
    "-J--module-path=$classpath" \
    "-J--add-modules=org.pastalab.fray.instrumentation.jdk" \
    "-J--class-path=$classpath" \
    "--output=$out" \
    "--add-modules=$modules" \
    --release-info add:IMPLEMENTOR=Fray \
    --fray-instrumentation
printf '%s' "$version" >"$out/fray-version"
