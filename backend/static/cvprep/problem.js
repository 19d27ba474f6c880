// The problem page: a CodeMirror editor with a saved draft, Run / Submit through the API, and
// live per-case results over server-sent events (falling back to polling).
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("page-config").textContent);
  const starter = JSON.parse(document.getElementById("starter").textContent);
  const statusBox = document.getElementById("status");
  const resultsBox = document.getElementById("results");
  const draftStatus = document.getElementById("draft-status");
  const localKey = "cvprep:draft:" + config.problem;
  const chosen = document.documentElement.dataset.theme;
  const dark = chosen ? chosen === "dark" : window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;

  // ---------------------------------------------------------------- formatting of previews
  // Previews come from graders/previews.py: {"array": {shape, dtype, data | min/max/mean}},
  // {"tuple": [...]}, lists and scalars. Show them the way numpy prints them.
  function format(value, indent) {
    indent = indent || "";
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if (value.array) {
        const a = value.array;
        const head = "array(shape=(" + a.shape.join(", ") + (a.shape.length === 1 ? "," : "") + "), dtype=" + a.dtype + ")";
        if (a.data === undefined) return head + "  min " + a.min + ", max " + a.max + ", mean " + a.mean;
        if (a.shape.length === 2) return head + "\n" + a.data.map((row) => indent + "  " + JSON.stringify(row)).join("\n");
        return head + "\n" + indent + "  " + JSON.stringify(a.data);
      }
      if (value.tuple) return "(\n" + value.tuple.map((v) => indent + "  " + format(v, indent + "  ")).join(",\n") + "\n" + indent + ")";
      if (value.list) return "list of " + value.list.length + ": " + JSON.stringify(value.list.head) + " ...";
      return Object.entries(value).map(([k, v]) => indent + k + " = " + format(v, indent + "  ")).join("\n");
    }
    return JSON.stringify(value);
  }
  if (window.renderMathInElement) {  // KaTeX: $...$ inline, $$...$$ displayed
    const statement = document.querySelector(".statement article");
    window.renderMathInElement(statement, {
      delimiters: [{ left: "$$", right: "$$", display: true }, { left: "$", right: "$", display: false }],
      ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code"],
      throwOnError: false,
    });
  }
  document.querySelectorAll("pre.preview").forEach((node) => {
    node.textContent = format(JSON.parse(node.dataset.preview));
  });

  // ---------------------------------------------------------------- the editor and the draft
  const host = document.getElementById("editor");
  const fallback = document.getElementById("code");
  let saveTimer = null;
  const editor = window.CvprepEditor
    ? window.CvprepEditor.createEditor(host, {
        doc: fallback.value, dark: dark, label: "Solution code",
        onChange: scheduleSave, onRun: () => send("run"), onSubmit: () => send("submit"),
      })
    : textareaEditor();
  window.cvprepEditor = editor;  // for browser tests and the console

  function textareaEditor() {  // without the bundle the page still works
    host.hidden = true;
    fallback.hidden = false;
    fallback.addEventListener("input", () => scheduleSave(fallback.value));
    return { getValue: () => fallback.value, setValue: (t) => { fallback.value = t; }, focus: () => fallback.focus() };
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  async function api(method, url, body) {
    const response = await fetch(url, {
      method, credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, data };
  }

  let saving = Promise.resolve();  // the draft save in flight, so that saves land in order

  function saveDraft() {
    saveTimer = null;
    const code = editor.getValue();
    saving = saving.then(async () => {
      const { ok } = await api("PUT", "/api/problems/" + config.problem + "/draft/", { code });
      draftStatus.textContent = ok ? "draft saved" : "draft not saved";
    }).catch(() => { draftStatus.textContent = "draft not saved (offline?)"; });
    return saving;
  }

  function scheduleSave(text) {
    localStorage.setItem(localKey, text);
    if (!config.signedIn) return;
    draftStatus.textContent = "editing…";
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveDraft, 700);
  }

  // Before Run or Submit: the debounced save goes out now, so the draft the interview clock
  // would hand in is never older than what was just submitted.
  function flushDraft() {
    if (saveTimer === null) return saving;
    clearTimeout(saveTimer);
    return saveDraft();
  }

  (async function loadDraft() {
    if (config.signedIn) {
      const { ok, data } = await api("GET", "/api/problems/" + config.problem + "/draft/");
      if (ok && data.saved) { editor.setValue(data.code); draftStatus.textContent = "draft restored"; }
    } else if (localStorage.getItem(localKey)) {
      editor.setValue(localStorage.getItem(localKey));
    }
  })();

  // ---------------------------------------------------------------- results
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (k === "text" ? (node.textContent = v) : node.setAttribute(k, v)));
    children.forEach((child) => child && node.append(child));
    return node;
  }

  function block(label, value) {
    return el("div", { class: "block" }, el("strong", { text: label }),
      el("pre", { text: typeof value === "string" ? value : format(value) }));
  }

  function pictures(submissionId, c) {
    if (!c.pictures || !submissionId) return null;
    const figure = el("div", { class: "pictures" });
    c.pictures.kinds.forEach((kind) => {
      const src = "/api/submissions/" + submissionId + "/images/" + encodeURIComponent(c.name) + "/" + kind + ".png";
      figure.append(el("figure", {}, el("img", { src, alt: kind + " for case " + c.name, loading: "lazy" }),
        el("figcaption", { text: kind })));
    });
    const s = c.pictures.stats;
    if (s.max_abs !== undefined) {
      // null: a figure JSON cannot hold (an exact match's infinite PSNR, an infinite error)
      const maxAbs = typeof s.max_abs === "number" ? s.max_abs.toPrecision(4) : "∞";
      const quality = typeof s.psnr === "number" ? s.psnr.toFixed(2) + " dB" : (s.identical ? "∞ (identical)" : "n/a");
      figure.append(el("p", { class: "muted", text: "max abs error " + maxAbs + " · PSNR " + quality }));
    }
    if (s.expected_boxes !== undefined) figure.append(el("p", { class: "muted", text: "green: expected (" + s.expected_boxes + "), red: yours (" + s.actual_boxes + ")" }));
    return figure;
  }

  function renderCases(cases, submissionId, final) {
    const table = el("table", { class: "results" });
    table.append(el("thead", {}, el("tr", {}, ...["Case", "Verdict", "Time", "Memory", "Details"].map((h) => el("th", { scope: "col", text: h })))));
    const body = el("tbody");
    cases.forEach((c) => {
      const details = el("td", { class: "details" });
      if (c.message) details.append(block("Message", c.message));
      if (c.diagnosis) details.append(el("p", { class: "diagnosis", "data-code": c.diagnosis, text: "Diagnosis: " + c.diagnosis_text + "." }));
      if (c.sample && c.input_preview) {
        const open = c.verdict !== "accepted";
        const more = el("details", open ? { open: "" } : {}, el("summary", { text: "input / expected / yours" }),
          block("Input", c.input_preview), block("Expected", c.expected_preview),
          c.actual_preview !== null && c.actual_preview !== undefined ? block("Your output", c.actual_preview) : null,
          c.stdout ? block("Printed", c.stdout) : null, final ? pictures(submissionId, c) : null);
        details.append(more);
      }
      body.append(el("tr", {},
        el("td", { text: (c.sample ? "sample " : "hidden ") + c.name }),
        el("td", { class: "v-" + c.verdict, text: c.verdict.replaceAll("_", " ") }),
        // hidden cases report the quarter of the limit they used, never the exact figure
        el("td", { text: (c.coarse ? "≤ " : "") + (c.cpu_time * 1000).toFixed(c.coarse ? 0 : 1) + " ms / " + config.limits.time + " s" }),
        el("td", { text: (c.coarse ? "≤ " : "") + (c.memory_kb / 1024).toFixed(c.coarse ? 0 : 1) + " / " + config.limits.memory + " MiB" }),
        details));
    });
    table.append(body);
    resultsBox.replaceChildren(table);
  }

  const HIDDEN = "submitted: hidden results at the end";

  function showDone(submission) {
    const result = submission.result || {};
    const link = el("a", { href: "/submissions/" + submission.id + "/", text: "submission #" + submission.id });
    // During a running interview a submit has no verdict to show yet: say so, plainly.
    const hidden = submission.results_hidden;
    const verdict = hidden ? "hidden" : submission.verdict || "internal_error";
    if (hidden) {
      statusBox.replaceChildren(el("strong", { class: "v-hidden", text: HIDDEN }), " · ", link);
    } else {
      statusBox.replaceChildren(el("strong", { class: "v-" + verdict, text: verdict.replaceAll("_", " ") }),
        " · " + (result.passed ?? 0) + "/" + (result.total ?? 0) + " cases · ", link);
      if (result.message) statusBox.append(block("", result.message));
    }
    renderCases(result.cases || [], submission.id, true);
    const history = document.getElementById("history");
    if (history) {
      const item = el("li", {}, el("a", { href: "/submissions/" + submission.id + "/", text: "#" + submission.id }),
        " " + submission.mode + " ", el("span", { class: "v-" + verdict, text: hidden ? HIDDEN : verdict }));
      history.prepend(item);
      const empty = document.getElementById("history-empty");  // "None yet." no longer holds
      if (empty) empty.remove();
    }
  }

  function follow(id) {
    return new Promise((resolve) => {
      const seen = [];
      let finished = false;
      const source = new EventSource("/api/submissions/" + id + "/events/");
      const finish = (submission) => { finished = true; source.close(); showDone(submission); resolve(); };
      source.addEventListener("snapshot", (e) => {
        const s = JSON.parse(e.data);
        if (s.status === "done") return finish(s);
        statusBox.textContent = s.status === "queued" ? "Queued…" : "Running…";
        (s.progress || []).forEach((c) => seen.push(c));
        renderCases(seen, id, false);
      });
      source.addEventListener("case", (e) => {
        const c = JSON.parse(e.data);
        seen.push(c);
        statusBox.textContent = "Running… " + seen.length + (c.total ? "/" + c.total : "") + " cases";
        renderCases(seen, id, false);
      });
      source.addEventListener("done", (e) => finish(JSON.parse(e.data)));
      source.onerror = () => { if (!finished) { source.close(); poll(id).then(resolve); } };
    });
  }

  async function poll(id) {  // without server-sent events
    for (;;) {
      const { data } = await api("GET", "/api/submissions/" + id + "/");
      if (data.status === "done") return showDone(data);
      statusBox.textContent = data.status === "queued" ? "Queued…" : "Running…";
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async function send(mode) {
    if (!config.signedIn) return;
    const buttons = document.querySelectorAll(".actions button");
    buttons.forEach((b) => (b.disabled = true));
    statusBox.textContent = "Sending…";
    resultsBox.replaceChildren();
    const custom = document.getElementById("custom");
    const body = { problem: config.problem, code: editor.getValue(), mode };
    if (config.interview) body.interview = config.interview;
    if (mode === "run" && custom && custom.open && document.getElementById("custom-input").value.trim()) {
      body.custom_input = document.getElementById("custom-input").value;
    }
    try {
      await flushDraft();
      const { ok, status, data } = await api("POST", "/api/submissions/", body);
      if (!ok) {  // the API says why in "detail" (errors.py and config/middleware.py)
        statusBox.textContent = "Not sent: " + (data.detail || "the server answered HTTP " + status);
        return;
      }
      await follow(data.id);
    } catch (error) {
      statusBox.textContent = "Network error: " + error;
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  const run = document.getElementById("run");
  if (run) {
    run.addEventListener("click", () => send("run"));
    document.getElementById("submit").addEventListener("click", () => send("submit"));
    document.getElementById("reset").addEventListener("click", () => {
      if (!window.confirm("Replace your code with the starter code?")) return;
      editor.setValue(starter);
      scheduleSave(starter);
      editor.focus();
    });
  }
})();
