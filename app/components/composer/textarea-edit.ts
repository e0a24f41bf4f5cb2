// Changes to a composer's textarea made by its script (the toolbar, "@" suggestions, an uploaded picture),
// applied as typing would, so that Ctrl+Z undoes them.

/** Replaces a range as typing would (so Ctrl+Z undoes it), falling back to setRangeText. */
export function replaceRange(textarea: HTMLTextAreaElement, from: number, to: number, text: string) {
  textarea.focus();
  textarea.setSelectionRange(from, to);
  const typed = typeof document.execCommand === "function" && document.execCommand("insertText", false, text);
  if (!typed || textarea.value.slice(from, from + text.length) !== text) {
    textarea.setRangeText(text, from, to, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
