// Entry point bundled into backend/static/vendor/editor.js: a CodeMirror 6 Python editor, with
// line wrapping and an optional Vim keymap that the page switches on and off.
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { EditorState, Compartment, Transaction } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { oneDark } from "@codemirror/theme-one-dark";
import { vim } from "@replit/codemirror-vim";

export function createEditor(parent, { doc, onChange, onRun, onSubmit, dark, label, wrap, vimKeys }) {
  const theme = new Compartment();
  const wrapping = new Compartment();
  const keys = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        keys.of(vimKeys ? vim({ status: true }) : []),  // first: Vim's keymap must see keys before the others
        basicSetup,
        python(),
        indentUnit.of("    "),
        keymap.of([
          { key: "Mod-Enter", run: () => { onRun(); return true; } },
          { key: "Shift-Mod-Enter", run: () => { onSubmit(); return true; } },
          indentWithTab,
        ]),
        theme.of(dark ? oneDark : []),
        wrapping.of(wrap ? EditorView.lineWrapping : []),
        EditorView.contentAttributes.of({ "aria-label": label || "Code editor" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          onChange(update.state.doc.toString());
          // Each change as CodeMirror serialises it, with the kind of input that made it
          // ("input.type", "input.paste", "undo"...; "" when a script set the text), for
          // whoever listens on the parent (the interview recorder, playback-recorder.js).
          const changes = update.transactions.filter((tr) => tr.docChanged).map((tr) => ({
            changes: tr.changes.toJSON(),
            userEvent: tr.annotation(Transaction.userEvent) || "",
          }));
          parent.dispatchEvent(new CustomEvent("cvprep:changes", { detail: changes }));
        }),
      ],
    }),
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setDark: (on) => view.dispatch({ effects: theme.reconfigure(on ? oneDark : []) }),
    setWrap: (on) => view.dispatch({ effects: wrapping.reconfigure(on ? EditorView.lineWrapping : []) }),
    setVim: (on) => view.dispatch({ effects: keys.reconfigure(on ? vim({ status: true }) : []) }),
    measure: () => view.requestMeasure(),
    focus: () => view.focus(),
  };
}
