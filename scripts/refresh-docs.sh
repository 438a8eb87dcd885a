#!/usr/bin/env bash
# Regenerates the generated blocks of docs/: the staging diagram, cost table and cost targets in
# docs/synth.md (StackReportTest fails while they are stale) and the configuration table in
# docs/configuration.md, from the setting descriptors (ConfigurationDocTest fails while it is stale).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q package -DskipTests
java -jar target/knowledge-card-infra.jar synth --stack staging --stack prod --update-doc docs/synth.md \
  --out target/synth >/dev/null
java -cp target/knowledge-card-infra.jar dev.knowledgecard.infra.docs.ConfigurationDoc docs/configuration.md
git --no-pager diff --stat -- docs/ || true
