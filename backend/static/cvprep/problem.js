// The problem page: run or submit through the API, then follow the submission until done.
(function () {
  "use strict";
  const config = window.CVPREP;
  const code = document.getElementById("code");
  const status = document.getElementById("status");
  const table = document.getElementById("results");
  const body = table ? table.querySelector("tbody") : null;
  const draftKey = "cvprep:draft:" + config.problem;
  const starter = JSON.parse(document.getElementById("starter").textContent);

  if (localStorage.getItem(draftKey)) code.value = localStorage.getItem(draftKey);
  code.addEventListener("input", () => localStorage.setItem(draftKey, code.value));
  code.addEventListener("keydown", (event) => {
    if (event.key === "Tab") {  // indent instead of leaving the editor
      event.preventDefault();
      const start = code.selectionStart;
      code.setRangeText("    ", start, code.selectionEnd, "end");
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send("run");
    }
  });

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function cell(text, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    td.textContent = text;
    return td;
  }

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
      return Object.entries(value).map(([k, v]) => indent + k + " = " + format(v, indent + "  ")).join("\n");
    }
    return JSON.stringify(value);
  }

  function pre(label, value) {
    const block = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = label;
    const content = document.createElement("pre");
    content.textContent = typeof value === "string" ? value : format(value);
    block.append(title, content);
    return block;
  }

  function renderCases(cases) {
    body.replaceChildren();
    for (const c of cases) {
      const row = document.createElement("tr");
      row.append(
        cell((c.sample ? "sample " : "hidden ") + c.name),
        cell(c.verdict.replaceAll("_", " "), "v-" + c.verdict),
        cell((c.cpu_time * 1000).toFixed(1) + " ms / " + config.limits.time + " s"),
        cell((c.memory_kb / 1024).toFixed(1) + " MiB / " + config.limits.memory + " MiB"),
      );
      const details = document.createElement("td");
      if (c.message) details.append(pre("Message", c.message));
      if (c.sample && c.input_preview) {
        details.append(pre("Input", c.input_preview));
        details.append(pre("Expected", c.expected_preview));
        if (c.actual_preview !== null && c.actual_preview !== undefined) details.append(pre("Your output", c.actual_preview));
        if (c.stdout) details.append(pre("Printed", c.stdout));
      }
      row.append(details);
      body.append(row);
    }
    table.hidden = cases.length === 0;
  }

  async function follow(id) {
    for (;;) {
      const response = await fetch("/api/submissions/" + id + "/", { credentials: "same-origin" });
      const submission = await response.json();
      if (submission.status === "done") {
        const result = submission.result || {};
        status.innerHTML = "";
        const verdict = document.createElement("strong");
        verdict.className = "v-" + submission.verdict;
        verdict.textContent = submission.verdict.replaceAll("_", " ");
        status.append(verdict, " · " + (result.passed ?? 0) + "/" + (result.total ?? 0) + " cases");
        if (result.message) status.append(pre("", result.message));
        renderCases(result.cases || []);
        return;
      }
      status.textContent = submission.status === "queued" ? "Queued…" : "Running… " + submission.progress.length + " cases done";
      renderCases(submission.progress || []);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }

  async function send(mode) {
    const buttons = document.querySelectorAll(".actions button");
    buttons.forEach((b) => (b.disabled = true));
    status.textContent = "Sending…";
    try {
      const response = await fetch("/api/submissions/", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ problem: config.problem, code: code.value, mode: mode }),
      });
      const data = await response.json();
      if (!response.ok) {
        status.textContent = data.detail || "The submission was refused.";
        return;
      }
      await follow(data.id);
    } catch (error) {
      status.textContent = "Network error: " + error;
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  const run = document.getElementById("run");
  if (run) {
    run.addEventListener("click", () => send("run"));
    document.getElementById("submit").addEventListener("click", () => send("submit"));
    document.getElementById("reset").addEventListener("click", () => {
      code.value = starter;
      localStorage.removeItem(draftKey);
    });
  }
})();
