#!/usr/bin/env bash
# Regenerates the bench tables in README.md from one real `bench` run of the Release build (never edit them by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build Linguacodus.Web -c Release -v quiet -nologo
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dotnet artifacts/bin/Linguacodus.Web/release/linguacodus.dll bench --only sandbox,orchestration,profile,scale,memory > "$scratch/bench.json"
/usr/bin/python3 - "$scratch/bench.json" "$(date -u +%Y-%m-%d)" "$(nproc)" <<'PY'
import json, re, sys
bench, day, cores = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
out = [f"<!-- bench:start (scripts/bench-readme.sh, {day}, {cores} cores) -->", ""]
out += ["| Profiling (train + test) | Files | Profile | pandas `read_csv` | Ratio | Peak memory, profile (before) | Peak memory, pandas (before) |",
        "|---|---:|---:|---:|---:|---:|---:|"]
for name, f in bench["profile"].items():
    out.append(f"| {name.replace('_', ' ')} | {f['train_mb']:,} + {f['test_mb']:,} MB | {f['profile_seconds']} s | {f['pandas_read_csv_seconds']} s "
               f"| {f['profile_over_pandas']} | {f['profile_peak_rss_mb']:,} ({f['profile_rss_before_mb']:,}) MB | {f['pandas_peak_rss_mb']:,} ({f['pandas_rss_before_mb']:,}) MB |")
out += ["", "| Program | Bare | Sandboxed | Ratio |", "|---|---:|---:|---:|"]
for name, f in bench["sandbox"].items():
    out.append(f"| {name.replace('_', ' ')} | {f['bare_ms']} ms | {f['sandboxed_ms']} ms | {f['sandboxed_over_bare']} |")
o = bench["orchestration"]
out += ["", "| `solve` of diabetes-progression | Program alone | Ratio | Written per run (run folder, of it the work folder) | Task data |",
        "|---:|---:|---:|---:|---:|",
        f"| {o['solve_seconds']} s | {o['program_alone_seconds']} s | {o['solve_over_program']} | {o['run_folder_bytes']:,} B ({o['work_folder_bytes']:,} B) | {o['task_data_bytes']:,} B |"]
m = bench["memory"]
out += ["", "| Memory of solved cases (generated) | Index built | Search, median (p95) | Goal | Ratio | Index memory |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {m['cases']:,} cases | {m['build_seconds']} s | {m['search_ms_median']} ({m['search_ms_p95']}) ms | {m['goal_ms']} ms | {m['median_over_goal']} | {m['index_megabytes']} MB |"]
out += ["", "| Train rows (generated, 50 columns) | Train file | Profile | Profile peak memory | `solve` | Status | App peak memory during `solve` (before) |",
        "|---:|---:|---:|---:|---:|---|---:|"]
for f in bench["scale"]:
    out.append(f"| {f['train_rows']:,} | {f['train_mb']:,} MB | {f['profile_seconds']} s | {f['profile_peak_rss_mb']:,} MB | {f['solve_seconds']} s "
               f"| {f['solve_status']} | {f['app_peak_rss_during_solve_mb']:,} ({f['app_rss_before_mb']:,}) MB |")
out += ["<!-- bench:end -->"]
readme = open("README.md").read()
if "<!-- bench:start" not in readme:
    sys.exit("README.md has no <!-- bench:start --> ... <!-- bench:end --> markers")
open("README.md", "w").write(re.sub(r"<!-- bench:start.*?<!-- bench:end -->", lambda _: "\n".join(out), readme, flags=re.S))
PY
echo "README.md bench tables updated"
