#!/usr/bin/env bash
# Regenerates README.md's generated report blocks (staging diagram and cost table, cost targets)
# from the current code. StackReportTest fails while the committed blocks are stale.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q package -DskipTests
java -jar target/knowledge-card-infra.jar synth --stack staging --stack prod --update-readme README.md \
  --out target/synth >/dev/null
git --no-pager diff --stat -- README.md || true
