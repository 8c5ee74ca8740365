"""Runs a Python script cell by cell ('# %%' lines open cells), announcing each cell on stdout and stderr.

Tracebacks keep the script's own file name and line numbers, so errors read as if the script ran directly.

After each cell the program's variables are saved (best effort) to .linguacodus-state/, with a hash of the code
that made them. When a later run starts with the same cells, it restores the state after the last unchanged cell
and runs only the cells from the first changed one: an edit to the training block does not repeat preprocessing.
Imports, functions and classes of the skipped cells are defined again (their other statements are not run), so
restored objects find their types; the validation-score lines they printed are printed again. A state that cannot
be saved whole (an open file, a lambda, a generator) or is over the size cap is not saved, and the next run starts
from the top.
"""
import os
import signal
import sys
import types

# ast, hashlib, pickle, random and traceback are imported where they are needed: together they took 20 ms, more
# than the whole sandbox, and a one-cell program that succeeds needs none of them.

MARKER = "\x1eLINGUACODUS_CELL"
SCORE_MARKER = "LINGUACODUS_VALIDATION"
STATE_DIRECTORY = ".linguacodus-state"
MAX_STATE_BYTES = 150 * 1024 * 1024

path = sys.argv[1]
with open(path, encoding="utf-8") as file:
    lines = file.read().splitlines(keepends=True)
starts = [i for i, line in enumerate(lines) if line.startswith("# %%")]
if not starts or any(line.strip() for line in lines[: starts[0]]):
    starts.insert(0, 0)
ends = starts[1:] + [len(lines)]
cells = ["".join(lines[start:end]) for start, end in zip(starts, ends)]

# The program's own __main__, so objects of its classes pickle by reference and load again.
main = types.ModuleType("__main__")
main.__dict__.update({"__file__": path, "__builtins__": __builtins__})
sys.modules["__main__"] = main
namespace = main.__dict__
sys.argv = [path]
# Past the file-size limit a write fails instead of killing the program.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def prefix_hash(count):
    """The hash of the first `count` cells' code: equal hashes, equal state (the data does not change)."""
    import hashlib
    digest = hashlib.sha256()
    for cell in cells[:count]:
        digest.update(hashlib.sha256(cell.encode("utf-8")).digest())
    return digest.hexdigest()


class CappedWriter:
    """A file that refuses to grow past the cap, so a huge state is dropped rather than filling the disk."""

    def __init__(self, file):
        self.file = file
        self.size = 0

    def write(self, data):
        self.size += memoryview(data).nbytes
        if self.size > MAX_STATE_BYTES:
            raise OverflowError("state over the size cap")
        return self.file.write(data)


class ScoreTee:
    """Passes stdout through and remembers the validation-score lines, to print again when their cell is skipped.

    Only writes holding the marker (and the rest of their line) are looked at, so a flood of output costs no more
    than a substring search per write.
    """

    def __init__(self, stream):
        self.stream = stream
        self.line = None
        self.scores = []

    def write(self, text):
        if self.line is not None:
            self.line += text
        elif SCORE_MARKER in text:
            self.line = text[text.index(SCORE_MARKER):]
        if self.line is not None and ("\n" in self.line or len(self.line) > 65536):
            self.scores.append(self.line.split("\n", 1)[0])
            self.line = None
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()

    def __getattr__(self, name):
        return getattr(self.stream, name)


def state_file(index):
    return os.path.join(STATE_DIRECTORY, f"after-cell-{index}.pkl")


def save_state(index, scores):
    """Saves the variables after cell `index`; anything that cannot be saved whole leaves no state."""
    import pickle
    import random
    values = {}
    modules = {}
    for name, value in namespace.items():
        if name.startswith("__"):
            continue
        if isinstance(value, types.ModuleType):
            modules[name] = value.__name__
        else:
            values[name] = value
    # Random generators too, so unseeded draws after a restore are those of a full run.
    generators = {"random": random.getstate()}
    if "numpy" in sys.modules:
        generators["numpy"] = sys.modules["numpy"].random.get_state()
    temporary = state_file(index) + ".tmp"
    try:
        os.makedirs(STATE_DIRECTORY, exist_ok=True)
        with open(temporary, "wb") as file:
            writer = CappedWriter(file)
            # The code's hash first, so a stale state is recognised without loading it.
            pickle.dump(prefix_hash(index + 1), writer)
            pickle.dump({"modules": modules, "values": values, "scores": scores, "generators": generators},
                        writer, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, state_file(index))
    except Exception:
        for stale in (temporary, state_file(index)):
            if os.path.exists(stale):
                os.remove(stale)


def definitions(cell, start):
    """The imports, functions and classes of a cell, compiled with the script's line numbers."""
    import ast
    tree = ast.parse("\n" * start + cell, path)
    kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    tree.body = [node for node in tree.body if isinstance(node, kinds)]
    return compile(tree, path, "exec")


def restore():
    """Restores the state after the last unchanged cell; returns the first cell to run and the scores printed before it."""
    for index in range(len(cells) - 2, -1, -1):
        if not os.path.exists(state_file(index)):
            continue
        import pickle
        import random
        try:
            with open(state_file(index), "rb") as file:
                if pickle.load(file) != prefix_hash(index + 1):
                    continue
                # Imports and definitions first, so restored objects find their modules and types.
                for cell_index in range(index + 1):
                    exec(definitions(cells[cell_index], starts[cell_index]), namespace)
                state = pickle.load(file)
            for name, module in state["modules"].items():
                namespace[name] = __import__(module, fromlist=["_"])
            namespace.update(state["values"])
            random.setstate(state["generators"]["random"])
            if "numpy" in state["generators"]:
                __import__("numpy").random.set_state(state["generators"]["numpy"])
            return index + 1, state["scores"]
        except Exception:
            # Not this state: start clean and try an earlier one.
            for name in [n for n in namespace if not n.startswith("__")]:
                del namespace[name]
    return 0, []


first, scores = restore()
stdout = ScoreTee(sys.stdout)
sys.stdout = stdout
for index, start in enumerate(starts):
    print(f"{MARKER} {index}", flush=True)
    print(f"{MARKER} {index}", file=sys.stderr, flush=True)
    if index < first:
        print("(unchanged since the last run: restored from its saved state, not run again)", flush=True)
        if index == first - 1:
            for line in scores:
                print(line, flush=True)
        continue
    try:
        exec(compile("\n" * start + cells[index], path, "exec"), namespace)
    except SystemExit:
        raise
    except BaseException:
        import traceback
        kind, error, trace = sys.exc_info()
        traceback.print_exception(kind, error, trace.tb_next)
        sys.exit(1)
    sys.stdout.flush()
    if index < len(cells) - 1:
        save_state(index, list(stdout.scores))
