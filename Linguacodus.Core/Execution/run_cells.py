"""Runs a Python script cell by cell ('# %%' lines open cells), announcing each cell on stdout and stderr.

Tracebacks keep the script's own file name and line numbers, so errors read as if the script ran directly.
"""
import sys
import traceback

MARKER = "\x1eLINGUACODUS_CELL"
path = sys.argv[1]
with open(path, encoding="utf-8") as file:
    lines = file.read().splitlines(keepends=True)
starts = [i for i, line in enumerate(lines) if line.startswith("# %%")]
if not starts or any(line.strip() for line in lines[: starts[0]]):
    starts.insert(0, 0)
namespace = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
sys.argv = [path]
for index, start in enumerate(starts):
    end = starts[index + 1] if index + 1 < len(starts) else len(lines)
    print(f"{MARKER} {index}", flush=True)
    print(f"{MARKER} {index}", file=sys.stderr, flush=True)
    cell = "\n" * start + "".join(lines[start:end])
    try:
        exec(compile(cell, path, "exec"), namespace)
    except SystemExit:
        raise
    except BaseException:
        kind, error, trace = sys.exc_info()
        traceback.print_exception(kind, error, trace.tb_next)
        sys.exit(1)
