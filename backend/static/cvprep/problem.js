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

  // Previews are formatted by results.js, to the digits the checker's tolerance tells apart.
  const results = window.CvprepResults;
  const number = results.numberFormatter(config.tolerance);
  const format = (value) => results.format(value, number);
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

  async function api(method, url, body, headers = {}) {
    const response = await fetch(url, {
      method, credentials: "same-origin",
      headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, data, retryAfter: response.headers.get("Retry-After") };
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();  // secure contexts only
    return Array.from({ length: 4 }, () => Math.random().toString(16).slice(2, 10)).join("");
  }

  // One key per click: if the answer is lost on the way (a dropped connection), the retry
  // gets the first answer instead of creating a second submission (backend/idempotency).
  async function postOnce(url, body) {
    const headers = { "Idempotency-Key": newKey() };
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await api("POST", url, body, headers);
        if (answer.status !== 409 || answer.data.code !== "idempotency_key_in_flight" || attempt >= 5) return answer;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
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
  window.cvprepFlushDraft = flushDraft;  // the interview's early hand-in flushes it too

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
      el("pre", { text: typeof value === "string" ? results.plain(value) : format(value) }));
  }

  function renderCases(cases, submissionId, final) {
    results.render(resultsBox, cases, { submissionId, final, limits: config.limits, tolerance: config.tolerance });
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
      // One line first: the verdict and which cases failed ("failed 5/14: iou_equal_..., ...").
      statusBox.replaceChildren(el("strong", { class: "v-" + verdict, text: verdict.replaceAll("_", " ") }),
        " · ", el("span", { class: "summary", text: results.summaryText(result.cases || [], result.total) }), " · ", link);
      if (result.message) statusBox.append(block("", result.message));
    }
    renderCases(result.cases || [], submission.id, true);
    // The summary line is where the eye goes next: bring it up if it is off screen.
    const top = statusBox.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 120) statusBox.scrollIntoView({ block: "start" });
    markRoundTab(submission);
    // A custom-input run is not an attempt at the problem: it goes in a list of its own.
    const history = document.getElementById(submission.custom_input ? "custom-runs" : "history");
    if (history) {
      const item = el("li", {}, el("a", { href: "/submissions/" + submission.id + "/", text: "#" + submission.id }),
        " " + submission.mode + " ", el("span", { class: "v-" + verdict, text: hidden ? HIDDEN : verdict.replaceAll("_", " ") }));
      history.prepend(item);
      const empty = history.querySelector(".empty");  // "None yet." no longer holds
      if (empty) empty.remove();
      const holder = history.closest("[hidden]");
      if (holder) holder.hidden = false;
    }
  }

  // In an interview, the current item's tab counts the attempt (its state never says a verdict).
  function markRoundTab(submission) {
    const state = document.querySelector("nav.round .tab.current .state");
    if (!state || submission.custom_input) return;
    const count = (word) => { const m = state.textContent.match(new RegExp(word + " (\\d+)×")); return m ? Number(m[1]) : 0; };
    if (submission.mode === "submit") state.textContent = "submitted " + (count("submitted") + 1) + "×";
    else if (!count("submitted")) state.textContent = "ran " + (count("ran") + 1) + "×";
    state.closest(".tab").classList.add("started");
  }

  // Followed the way every page follows graded work (live.js): the submission's own stream
  // adds each case as it is graded; polling shows the status only.
  function follow(id) {
    return new Promise((resolve) => {
      const seen = [];
      const running = (s) => (s.status === "queued" ? "Queued…" : "Running…");
      const live = window.CvprepLive.follow("/api/submissions/" + id + "/", {
        interval: 500,
        on: {
          snapshot: (s) => {
            if (s.status === "done") return live && live.end(s);
            statusBox.textContent = running(s);
            (s.progress || []).forEach((c) => seen.push(c));
            renderCases(seen, id, false);
          },
          case: (c) => {
            seen.push(c);
            statusBox.textContent = "Running… " + seen.length + (c.total ? "/" + c.total : "") + " cases";
            renderCases(seen, id, false);
          },
        },
        polled: (s) => { if (s.status !== "done") statusBox.textContent = running(s); },
        finished: (s) => s.status === "done",
        done: (s) => { showDone(s); resolve(); },
      });
    });
  }

  // backend/grading/admission.py: 429 is this user's rate or backlog, 503 everyone's queue.
  function busyMessage(status, data, retryAfter) {
    const head = status === 503 ? "The graders are busy right now" : "Slow down";
    const wait = retryAfter ? " Try again in " + retryAfter + " s." : " Try again shortly.";
    return head + ": " + (data.detail || "not accepted yet") + ". Your code was not sent." + wait;
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
      const { ok, status, data, retryAfter } = await postOnce("/api/submissions/", body);
      if (status === 429 || status === 503) {  // busy, not wrong: nothing was stored
        statusBox.textContent = busyMessage(status, data, retryAfter);
        return;
      }
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
