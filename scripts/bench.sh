#!/usr/bin/env bash
# Builds the benchmark module and runs all the benchmarks: every variant on JDK 25 (with the
# virtual-thread comparisons), and Pollen with its own baselines on JDK 17. Writes the JMH JSON
# to bench/results/, then the table (spliced into bench/README.md) and the chart
# (bench/results/chart.svg). About 33 minutes on 2 cores (the toolkit's, 7 to 9, take 16 of
# them). See bench/README.md.
#
#   scripts/bench.sh
#
# Overrides: JDK25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), JDK17_HOME (default
# JAVA_HOME, else the java on the PATH), MVN_FLAGS (e.g. -o), JMH_FLAGS (extra JMH options,
# e.g. a benchmark regex to run only some, as when trying a change).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java17=${JDK17_HOME:+$JDK17_HOME/bin/java}
java17=${java17:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
java17=${java17:-$(command -v java)}
results=$root/bench/results

"$jdk25/bin/java" -version 2>&1 | grep -q 'version "25' || { echo "bench: no JDK 25 at $jdk25 (set JDK25_HOME)" >&2; exit 1; }
"$java17" -version 2>&1 | grep -q 'version "17' || { echo "bench: $java17 is not JDK 17 (set JDK17_HOME)" >&2; exit 1; }

cd "$root"
# Pollen's jars are built with JDK 17 (the default JDK), as users get them.
mvn -B -q ${MVN_FLAGS:-} install -DskipTests
# clean: the processor reruns on unchanged sources, so they get the installed processor's code.
mvn -B -q ${MVN_FLAGS:-} -f bench/pom.xml clean package
jar=bench/target/benchmarks.jar
mkdir -p "$results"

# -prof gc adds gc.alloc.rate.norm: bytes allocated per operation (per await, per task).
"$jdk25/bin/java" -jar "$jar" -prof gc -rf json -rff "$results/jdk25.json" ${JMH_FLAGS:-}
# JDK 17: Pollen and the baselines that need no newer JDK (no virtual threads there).
"$java17" -jar "$jar" -prof gc -rf json -rff "$results/jdk17.json" ${JMH_FLAGS:-} \
    'PerAwait\.(pollen|handMachine|sync)' 'SuspendedTasks\.pollen' 'SpawnJoin\.pollen' 'CompileTime' \
    'PingPong\.pollen' 'Fairness'

python3 bench/report.py "$results" bench/README.md
