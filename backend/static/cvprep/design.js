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
