#!/usr/bin/env bash
# Regenerates the evaluation tables in README.md from real `eval` runs over examples/ (never edit them by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
binary=artifacts/bin/Linguacodus.Web/debug/linguacodus.dll
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export Linguacodus__DataDirectory="$scratch/data"
# The plain tables run with the memory off, or each task would learn from those solved before it (alphabetical
# order) and the --choice best pass from the --choice auto one; the memory's effect is measured on its own below.
export Memory__Remember=false Memory__Retrieve=false

# Two disjoint halves of the examples for the memory table: A every other example in alphabetical order, B the
# rest, each with the answers of its own tasks. Links where the file system takes them, copies where not.
place() { ln -s "$PWD/$1" "$2" 2>/dev/null || cp -r "$PWD/$1" "$2"; }
mkdir -p "$scratch/A/answers" "$scratch/B/answers"
index=0
for task in $(find examples -mindepth 1 -maxdepth 1 -type d ! -name answers -exec test -f {}/task.json \; -printf '%f\n' | LC_ALL=C sort); do
  group=$([[ $((index % 2)) -eq 0 ]] && echo A || echo B)
  place "examples/$task" "$scratch/$group/$task"
  [[ -f "examples/answers/$task.csv" ]] && place "examples/answers/$task.csv" "$scratch/$group/answers/$task.csv"
  index=$((index + 1))
done
list() { find "$scratch/$1" -mindepth 1 -maxdepth 1 ! -name answers -printf '%f\n' | LC_ALL=C sort | paste -sd, - | sed 's/,/, /g'; }
{
  echo "<!-- eval:start (scripts/eval-readme.sh, $(date -u +%Y-%m-%d), $(nproc) cores) -->"
  for choice in auto best; do
    echo
    echo "\`eval examples --choice $choice\` (baseline engine, memory off):"
    echo
    dotnet "$binary" eval examples --choice "$choice" --out "$scratch/$choice" 2>/dev/null
  done
  echo
  echo "What the memory of solved cases changes, measured: \`eval A --memory-from B\` (baseline engine, --choice auto)."
  echo "A holds every other example in alphabetical order ($(list A)), B the rest ($(list B))."
  echo "Each task of A is solved twice, in fresh data folders: once with the memory off, and once after every task of B"
  echo "was solved with --choice best and remembered (nothing of A is remembered, so no task of A learns from another);"
  echo "the line under the table counts the tasks that were given a case, chose another family or scored otherwise."
  echo
  dotnet "$binary" eval "$scratch/A" --memory-from "$scratch/B" --out "$scratch/memory" 2>/dev/null
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
