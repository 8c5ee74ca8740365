// Keyboard shortcuts of the run page: Ctrl+Enter (Cmd+Enter) runs the code, Escape stops the run. Each presses the
// page's own button, so a shortcut does exactly what the button does, and nothing when the button is disabled.
// Keys another widget handled first (Monaco's find or suggest box, a MudBlazor menu) are left alone: those call
// preventDefault or stop the event. Inside a Monaco editor Ctrl+Enter is ours too: CodeEditor sends "lc-run-code".
let attached = null;

function press(testId) {
    const button = document.querySelector(`[data-testid="${testId}"]`);
    if (!button || button.disabled || button.getAttribute("aria-disabled") === "true") {
        return false;
    }
    button.click();
    return true;
}

// Typing in a form field (a candidate being edited) is not a command, except in Monaco's own input area.
function isTyping(target) {
    return target instanceof Element
        && target.closest("input, textarea, select, [contenteditable=true]") !== null
        && target.closest(".monaco-editor") === null;
}

export function attach() {
    detach();
    const onKey = event => {
        if (event.defaultPrevented || event.isComposing || event.altKey || event.shiftKey || isTyping(event.target)) {
            return;
        }
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            if (press("run-code")) {
                event.preventDefault();
            }
        } else if (event.key === "Escape" && !event.ctrlKey && !event.metaKey) {
            if (press("stop-run")) {
                event.preventDefault();
            }
        }
    };
    const onRunCode = () => press("run-code");
    document.addEventListener("keydown", onKey);
    document.addEventListener("lc-run-code", onRunCode);
    attached = () => {
        document.removeEventListener("keydown", onKey);
        document.removeEventListener("lc-run-code", onRunCode);
    };
}

export function detach() {
    attached?.();
    attached = null;
}
