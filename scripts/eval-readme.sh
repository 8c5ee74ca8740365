#!/usr/bin/env bash
# Regenerates the evaluation tables in README.md from real `eval` runs over examples/ (never edit them by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
binary=artifacts/bin/Linguacodus.Web/debug/linguacodus.dll
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export Linguacodus__DataDirectory="$scratch/data"
{
  echo "<!-- eval:start (scripts/eval-readme.sh, $(date -u +%Y-%m-%d), $(nproc) cores) -->"
  for choice in auto best; do
    echo
    echo "\`eval examples --choice $choice\` (baseline engine):"
    echo
    dotnet "$binary" eval examples --choice "$choice" --out "$scratch/$choice" 2>/dev/null
  done
  echo "<!-- eval:end -->"
} > "$scratch/table.md"
python3 - "$scratch/table.md" <<'PY'
import re, sys
table = open(sys.argv[1]).read().rstrip("\n")
readme = open("README.md").read()
readme = re.sub(r"<!-- eval:start.*?<!-- eval:end -->", lambda _: table, readme, flags=re.S)
open("README.md", "w").write(readme)
PY
echo "README.md evaluation tables updated"
