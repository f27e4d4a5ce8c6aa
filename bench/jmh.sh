#!/usr/bin/env bash
# Runs the JMH benchmarks of a module: bench/jmh.sh [MODULE] [JMH ARGS...]
# e.g. bench/jmh.sh node EngineBenchmark -p graph=ring
set -euo pipefail
cd "$(dirname "$0")/.."
module="${1:-node}"; shift || true
mvn -B -ntp -q -pl "$module" -am test-compile -DskipTests
mvn -B -ntp -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh.classpath")"
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
