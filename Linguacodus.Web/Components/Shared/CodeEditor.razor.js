// Monaco editors for CodeEditor.razor. Monaco itself comes from the BlazorMonaco package's static files and is
// loaded the first time a page shows an editor; each call arrives through the calling circuit's own IJSRuntime.
const monacoBase = "_content/BlazorMonaco/lib/monaco-editor/min/vs";
const editors = new Map();
let monacoReady = null;

function loadMonaco() {
    monacoReady ??= new Promise((resolve, reject) => {
        const start = () => {
            window.require.config({ paths: { vs: monacoBase } });
            window.require(["vs/editor/editor.main"], () => resolve(window.monaco), reject);
        };
        if (typeof window.require?.config === "function") {
            start();
            return;
        }
        const script = document.createElement("script");
        script.src = `${monacoBase}/loader.js`;
        script.onload = start;
        script.onerror = () => reject(new Error("Monaco's loader could not be loaded."));
        document.head.appendChild(script);
    });
    return monacoReady;
}

export async function create(id, element, options) {
    const monaco = await loadMonaco();
    dispose(id);
    // A stable model URI per editor lets tests and tools find an editor's text: monaco.editor.getModels().
    const uri = monaco.Uri.parse(`inmemory://linguacodus/${id}.${options.language === "python" ? "py" : "txt"}`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(options.value ?? "", options.language, uri);
    monaco.editor.setTheme(options.theme);
    const editor = monaco.editor.create(element, {
        model,
        readOnly: options.readOnly,
        automaticLayout: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        lineNumbersMinChars: 3,
        renderLineHighlight: "none",
        overviewRulerLanes: 0,
        overviewRulerBorder: false,
        hideCursorInOverviewRuler: true,
        tabSize: 4,
        padding: { top: 8, bottom: 8 },
        scrollbar: { alwaysConsumeMouseWheel: false },
    });
    // Ctrl+Enter (Cmd+Enter) in an editor asks the page to run the code, as in a notebook, instead of Monaco's
    // "insert line below" (which Enter at the line's end does as well). The page decides what it means.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () =>
        element.dispatchEvent(new CustomEvent("lc-run-code", { bubbles: true })));
    editors.set(id, { editor, model });
}

export function setValue(id, value) {
    const entry = editors.get(id);
    if (!entry) {
        return;
    }
    const { editor, model } = entry;
    const current = model.getValue();
    if (value.startsWith(current) && current.length > 0) {
        // Streamed code only grows: append, so the view does not jump back to the top on every piece.
        const end = model.getFullModelRange().getEndPosition();
        model.applyEdits([{ range: new window.monaco.Range(end.lineNumber, end.column, end.lineNumber, end.column), text: value.slice(current.length) }]);
        if (editor.getOption(window.monaco.editor.EditorOption.readOnly)) {
            editor.revealLine(model.getLineCount());
        }
    } else {
        model.setValue(value);
    }
}

export function getValue(id) {
    return editors.get(id)?.model.getValue() ?? null;
}

export function setReadOnly(id, readOnly) {
    editors.get(id)?.editor.updateOptions({ readOnly });
}

export function setTheme(theme) {
    window.monaco?.editor.setTheme(theme);
}

export function dispose(id) {
    const entry = editors.get(id);
    if (entry) {
        editors.delete(id);
        entry.editor.dispose();
        entry.model.dispose();
    }
}

// Read-only diff editors (DiffEditor.razor): the original on the left, the changed program on the right.
const diffs = new Map();

export async function createDiff(id, element, options) {
    const monaco = await loadMonaco();
    disposeDiff(id);
    const extension = options.language === "python" ? "py" : "txt";
    const models = ["original", "modified"].map(side => {
        const uri = monaco.Uri.parse(`inmemory://linguacodus/${id}-${side}.${extension}`);
        monaco.editor.getModel(uri)?.dispose();
        return monaco.editor.createModel(options[side] ?? "", options.language, uri);
    });
    monaco.editor.setTheme(options.theme);
    const editor = monaco.editor.createDiffEditor(element, {
        readOnly: true,
        originalEditable: false,
        automaticLayout: true,
        renderSideBySide: options.sideBySide ?? true,
        useInlineViewWhenSpaceIsLimited: true,
        hideUnchangedRegions: { enabled: true },
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        lineNumbersMinChars: 3,
        renderOverviewRuler: false,
        scrollbar: { alwaysConsumeMouseWheel: false },
    });
    editor.setModel({ original: models[0], modified: models[1] });
    diffs.set(id, { editor, original: models[0], modified: models[1] });
}

export function setDiff(id, original, modified) {
    const entry = diffs.get(id);
    if (!entry) {
        return;
    }
    if (entry.original.getValue() !== original) {
        entry.original.setValue(original);
    }
    if (entry.modified.getValue() !== modified) {
        entry.modified.setValue(modified);
    }
}

export function disposeDiff(id) {
    const entry = diffs.get(id);
    if (entry) {
        diffs.delete(id);
        entry.editor.dispose();
        entry.original.dispose();
        entry.modified.dispose();
    }
}
