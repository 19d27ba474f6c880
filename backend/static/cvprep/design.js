// The design page: switch between the spec form and YAML, and autosave the draft.
(function () {
  "use strict";
  var form = document.getElementById("design-form");
  if (!form) return;
  var formPane = document.getElementById("spec-form");
  var yamlPane = document.getElementById("spec-yaml");
  var status = document.getElementById("draft-status");
  var FIELDS = ["name", "kind", "device", "replicas", "model", "batch_size", "batch_timeout_ms", "max_queue", "threshold"];
  var NUMERIC = { replicas: 1, batch_size: 1, batch_timeout_ms: 1, max_queue: 1, threshold: 1, sample_every: 1 };

  function scalar(key, value) {
    if (NUMERIC[key] && /^-?\d+(\.\d+)?$/.test(value)) return value;
    return JSON.stringify(value); // a JSON string is a valid YAML scalar
  }

  // The form as YAML, so that switching to YAML keeps what was typed.
  function formToYaml() {
    var sample = form.elements["sample_every"].value.trim() || "1";
    var lines = ["sample_every: " + scalar("sample_every", sample), "stages:"];
    document.querySelectorAll(".stage-row").forEach(function (row) {
      var index = row.dataset.row;
      var kind = form.elements["stage-" + index + "-kind"].value;
      if (!kind) return;
      var first = true;
      FIELDS.forEach(function (field) {
        var value = form.elements["stage-" + index + "-" + field].value.trim();
        if (value === "") return;
        lines.push((first ? "  - " : "    ") + field + ": " + scalar(field, value));
        first = false;
      });
    });
    return lines.join("\n") + "\n";
  }

  form.querySelectorAll("input[name=spec_mode]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      var yaml = radio.value === "yaml" && radio.checked;
      if (yaml) document.getElementById("spec_yaml").value = formToYaml();
      formPane.hidden = yaml;
      yamlPane.hidden = !yaml;
      if (!yaml) status.textContent = "The form keeps its own values; hand in from YAML mode to use the YAML.";
    });
  });

  var timer = null;
  function save() {
    var data = new FormData(form);
    data.delete("idempotency_key");  // the key belongs to the hand-in, not to draft saves
    fetch(form.dataset.draftUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { status.textContent = response.ok ? "Draft saved" : "Draft not saved"; })
      .catch(function () { status.textContent = "Draft not saved (offline?)"; });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  });
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });
  // Handing in saves the draft with the hand-in; a later autosave must not overwrite it.
  form.addEventListener("submit", function () { clearTimeout(timer); });
})();

// Check: simulate the spec as it stands, without handing it in (nothing is stored).
(function () {
  "use strict";
  var button = document.getElementById("check");
  var form = document.getElementById("design-form");
  var box = document.getElementById("check-result");
  if (!button || !form || !box) return;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function ms(value) { return typeof value === "number" ? value.toFixed(1) + " ms" : "n/a"; }

  function show(data) {
    box.replaceChildren();
    box.hidden = false;
    if (!data.ok) {
      box.className = "check-result errors";
      box.append(el("h3", {}, "Check: the spec has errors (nothing was handed in)"));
      var list = el("ul");
      Object.keys(data.errors || {}).forEach(function (path) {
        var item = el("li");
        item.append(el("code", {}, path), ": " + (typeof data.errors[path] === "string" ? data.errors[path] : JSON.stringify(data.errors[path])));
        list.append(item);
      });
      box.append(list);
      return;
    }
    box.className = "check-result" + (data.passed === data.total ? " all-met" : "");
    box.append(el("h3", {}, "Check: " + data.passed + " of " + data.total + " requirements met (not handed in)"));
    var table = el("table", { class: "list", id: "check-table" });
    var body = el("tbody");
    data.checks.forEach(function (c) {
      var row = el("tr");
      row.append(el("td", {}, c.label), el("td", {}, c.value_text || String(c.value)), el("td", {}, c.limit_text),
        el("td", { class: c.passed ? "ok" : "bad" }, c.passed ? "✓ met" : "✗ missed"));
      body.append(row);
    });
    table.append(body);
    box.append(table);
    var m = data.metrics || {};
    box.append(el("p", { class: "muted" }, "Latency p50 / p95 / p99: " + ms(m.p50_ms) + " / " + ms(m.p95_ms) + " / " + ms(m.p99_ms) +
      " · " + (typeof m.cost_per_hour === "number" ? "$" + m.cost_per_hour.toFixed(2) + "/h" : "")));
    box.append(el("p", { class: "muted", id: "check-window" }, "Simulated window: " + data.window.text + "."));
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    var label = button.textContent;
    button.textContent = "Simulating…";
    var data = new FormData(form);
    data.delete("idempotency_key");  // a check hands nothing in; each one is new
    fetch(button.dataset.url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(show)
      .catch(function (error) { show({ ok: false, errors: { check: "could not reach the server: " + error } }); })
      .finally(function () { button.disabled = false; button.textContent = label; });
  });
})();
