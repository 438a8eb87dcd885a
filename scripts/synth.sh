#!/usr/bin/env bash
# The offline synth with JVM settings for a short run: C1 only (C2 compiles code a few-second run
# never reuses) and a class-data-sharing archive of the jar's classes, made on the first run after
# each build (target/synth-cds.jsa). Arguments go to `synth` unchanged, e.g.
#   scripts/synth.sh --stack staging --stack prod
# Run from the project directory (Pulumi.yaml); the jar is built when missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/target/knowledge-card-infra.jar"
archive="$root/target/synth-cds.jsa"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q package -DskipTests)
flags=(-XX:TieredStopAtLevel=1 -Xshare:auto)
if [[ "$archive" -nt "$jar" ]]; then
  flags+=("-XX:SharedArchiveFile=$archive")
else
  # This run also records the classes it loads; later runs map them instead of parsing the jar.
  flags+=("-XX:ArchiveClassesAtExit=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
exec java "${flags[@]}" -jar "$jar" synth "$@"
