#!/usr/bin/env bash
# Regenerates docs/podhist.1 from the commands' own help (argument-parser's generate-manual plugin).
# ManPageTests fails when a verb or option is missing from the checked-in page: run this, then commit.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package --allow-writing-to-package-directory generate-manual --configuration debug \
  --date "$(date -u +%Y-%m-%d)" --authors "the podhist developers" >/dev/null
cp .build/plugins/GenerateManual/outputs/podhist/podhist.1 docs/podhist.1
echo "docs/podhist.1 regenerated"
