// Results of a run or submit, failure first: a summary line, the first failing case at full
// width (expected / yours / difference side by side), then every case, failures first.
// Values come as previews from graders/coding/previews.py: {"array": {shape, dtype, data | min/max/mean}},
// {"tuple": [...]}, {"list": {length, head}}, lists and scalars.
window.CvprepResults = (function () {
  "use strict";

  // Checkers' messages quote numpy's repr of a scalar (np.int64(2), np.float32(0.5)): say 2, 0.5.
  function plain(text) {
    return String(text || "").replace(/\bnp\.(?:u?int\d*|float\d*|bool_?|complex\d*|str_|longdouble)\(([^()]*)\)/g, "$1");
  }

  // A number shown to the digits the checker can tell apart: |yours - expected| <= atol +
  // rtol * |expected| passes, so digits below that slack are noise. Exact checkers: every digit.
  function numberFormatter(tolerance) {
    const atol = tolerance && typeof tolerance.atol === "number" ? tolerance.atol : 0;
    const rtol = tolerance && typeof tolerance.rtol === "number" ? tolerance.rtol : 0;
    return function (value) {
      if (typeof value !== "number") return plain(typeof value === "string" ? value : JSON.stringify(value));
      if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
      const slack = atol + rtol * Math.abs(value);
      if (!(slack > 0)) return String(value);
      const decimals = Math.min(12, Math.max(0, Math.ceil(-Math.log10(slack))));
      const text = value.toFixed(decimals);
      const trimmed = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
      return trimmed === "-0" ? "0" : trimmed;
    };
  }

  function shapeText(shape) {
    return "(" + shape.join(", ") + (shape.length === 1 ? "," : "") + ")";
  }

  function rows(data, number) {  // nested lists, columns aligned in 2-D
    if (!Array.isArray(data)) return number(data);
    if (data.length && Array.isArray(data[0]) && !Array.isArray(data[0][0])) {
      const cells = data.map((row) => row.map(number));
      const width = Math.max(0, ...cells.flat().map((c) => c.length));
      return cells.map((row) => "[" + row.map((c) => c.padStart(width)).join(", ") + "]").join("\n");
    }
    return "[" + data.map((item) => rows(item, number)).join(", ") + "]";
  }

  function format(value, number, indent) {
    number = number || numberFormatter(null);
    indent = indent || "";
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if (value.array) {
        const a = value.array;
        const head = "array(shape=" + shapeText(a.shape) + ", dtype=" + a.dtype + ")";
        if (a.data === undefined) {
          return head + "  min " + number(a.min) + ", max " + number(a.max) + ", mean " + number(a.mean);
        }
        return head + "\n" + rows(a.data, number).split("\n").map((line) => indent + "  " + line).join("\n");
      }
      if (value.tuple) return "(\n" + value.tuple.map((v) => indent + "  " + format(v, number, indent + "  ")).join(",\n") + "\n" + indent + ")";
      if (value.list) return "list of " + value.list.length + ": [" + value.list.head.map((v) => format(v, number)).join(", ") + ", ...]";
      return Object.entries(value).map(([k, v]) => indent + k + " = " + format(v, number, indent + "  ")).join("\n");
    }
    if (Array.isArray(value)) return "[" + value.map((v) => format(v, number, indent)).join(", ") + "]";
    return number(value);
  }

  function flat(data) {
    return Array.isArray(data) ? data.flatMap(flat) : [data];
  }

  function reshape(values, like) {
    let index = 0;
    const build = (node) => (Array.isArray(node) ? node.map(build) : values[index++]);
    return build(like);
  }

  // What differs between two previews, as text: elementwise for arrays of one shape, the
  // missing and extra values of two 1-D integer arrays (kept indices), or the shapes.
  function difference(expected, actual, number, tolerance) {
    if (actual === null || actual === undefined) return "no output to compare";
    const atol = tolerance && typeof tolerance.atol === "number" ? tolerance.atol : 0;
    const rtol = tolerance && typeof tolerance.rtol === "number" ? tolerance.rtol : 0;
    const beyond = (e, a) => Math.abs(a - e) > atol + rtol * Math.abs(e);
    if (typeof expected === "number" && typeof actual === "number") {
      return "yours − expected = " + number(actual - expected) + (beyond(expected, actual) ? "" : " (within tolerance)");
    }
    if (expected && actual && expected.tuple && actual.tuple) {
      if (expected.tuple.length !== actual.tuple.length) {
        return "expected a tuple of " + expected.tuple.length + ", yours has " + actual.tuple.length;
      }
      return expected.tuple.map((e, i) => "[" + i + "] " + difference(e, actual.tuple[i], number, tolerance)).join("\n");
    }
    if (!(expected && actual && expected.array && actual.array)) {
      return JSON.stringify(expected) === JSON.stringify(actual) ? "the same" : "see the message";
    }
    const e = expected.array;
    const a = actual.array;
    const sameShape = e.shape.join(",") === a.shape.join(",");
    if (e.data === undefined || a.data === undefined) {
      const parts = [sameShape ? "shape " + shapeText(e.shape) : "shape " + shapeText(a.shape) + ", expected " + shapeText(e.shape)];
      if (typeof e.mean === "number" && typeof a.mean === "number") parts.push("mean " + number(a.mean - e.mean) + " off");
      return parts.join("; ");
    }
    const ev = flat(e.data);
    const av = flat(a.data);
    const numeric = ev.concat(av).every((v) => typeof v === "number");
    if (!sameShape) {
      const lines = ["shape " + shapeText(a.shape) + ", expected " + shapeText(e.shape)];
      if (numeric && e.shape.length === 1 && a.shape.length === 1) {
        const missing = ev.filter((v) => !av.includes(v));
        const extra = av.filter((v) => !ev.includes(v));
        if (missing.length) lines.push("missing: [" + missing.map(number).join(", ") + "]");
        if (extra.length) lines.push("extra: [" + extra.map(number).join(", ") + "]");
      }
      return lines.join("\n");
    }
    if (!numeric) {
      const differ = ev.filter((v, i) => v !== av[i]).length;
      return differ + " of " + ev.length + " elements differ";
    }
    let differ = 0;
    let worst = 0;
    const delta = ev.map((v, i) => {
      if (beyond(v, av[i])) differ += 1;
      worst = Math.max(worst, Math.abs(av[i] - v));
      return beyond(v, av[i]) ? av[i] - v : 0;
    });
    const head = differ + " of " + ev.length + " elements differ" + (differ ? ", largest |difference| " + number(worst) + "\nyours − expected where they differ:" : "");
    return head + "\n" + rows(reshape(delta, e.data), number);
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (k === "text" ? (node.textContent = v) : node.setAttribute(k, v)));
    children.forEach((child) => child && node.append(child));
    return node;
  }

  function words(verdict) {
    return String(verdict || "").replaceAll("_", " ");
  }

  function caseLabel(c) {
    return (c.sample ? "sample " : "hidden ") + c.name;
  }

  function failures(cases) {
    return cases.filter((c) => c.verdict !== "accepted");
  }

  // "failed 5/14: iou_equal_to_threshold_is_kept, zero_area_boxes_never_overlap, ... and 2 more"
  function summaryText(cases, total) {
    const failed = failures(cases);
    const count = total || cases.length;
    if (!failed.length) return "passed " + cases.length + "/" + count;
    const names = failed.slice(0, 3).map((c) => c.name).join(", ");
    return "failed " + failed.length + "/" + count + ": " + names + (failed.length > 3 ? " and " + (failed.length - 3) + " more" : "");
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

  function column(label, text, extraClass) {
    return el("div", { class: "column" + (extraClass ? " " + extraClass : "") }, el("h4", { text: label }), el("pre", { text }));
  }

  function firstFailure(c, options) {
    const number = numberFormatter(options.tolerance);
    const box = el("section", { class: "first-failure", "aria-label": "First failing case" });
    box.append(el("h3", {}, "First failure: ", el("code", { text: caseLabel(c) }), " · ",
      el("span", { class: "v-" + c.verdict, text: words(c.verdict) })));
    if (c.message) box.append(el("p", { class: "message", text: plain(c.message) }));
    if (c.diagnosis) box.append(el("p", { class: "diagnosis", "data-code": c.diagnosis, text: "Diagnosis: " + plain(c.diagnosis_text) + "." }));
    if (c.expected_preview !== undefined && c.expected_preview !== null) {
      box.append(el("div", { class: "compare" },
        column("Expected", format(c.expected_preview, number)),
        column("Yours", c.actual_preview === null || c.actual_preview === undefined ? "(nothing returned)" : format(c.actual_preview, number)),
        column("Difference", difference(c.expected_preview, c.actual_preview, number, options.tolerance), "difference")));
      if (c.input_preview) box.append(el("details", { class: "input" }, el("summary", { text: "Input" }), el("pre", { text: format(c.input_preview, number) })));
    } else if (!c.sample) {
      box.append(el("p", { class: "muted", text: "A hidden case: its name says what it tests; its data stays hidden." }));
    }
    if (c.stdout) box.append(el("details", {}, el("summary", { text: "Printed" }), el("pre", { text: c.stdout })));
    const figure = options.final ? pictures(options.submissionId, c) : null;
    if (figure) box.append(figure);
    return box;
  }

  function caseTable(cases, options) {
    const number = numberFormatter(options.tolerance);
    const limits = options.limits || {};
    const table = el("table", { class: "results" });
    table.append(el("thead", {}, el("tr", {}, ...["Case", "Verdict", "Time", "Memory", "Details"].map((h) => el("th", { scope: "col", text: h })))));
    const body = el("tbody");
    cases.forEach((c) => {
      const details = el("td", { class: "details" });
      if (c.message) details.append(el("p", { class: "message", text: plain(c.message) }));
      if (c.diagnosis) details.append(el("p", { class: "diagnosis", "data-code": c.diagnosis, text: "Diagnosis: " + plain(c.diagnosis_text) + "." }));
      if (c.sample && c.input_preview && c !== options.featured) {
        details.append(el("details", {}, el("summary", { text: "input / expected / yours" }),
          el("strong", { text: "Input" }), el("pre", { text: format(c.input_preview, number) }),
          el("strong", { text: "Expected" }), el("pre", { text: format(c.expected_preview, number) }),
          c.actual_preview !== null && c.actual_preview !== undefined ? el("strong", { text: "Yours" }) : null,
          c.actual_preview !== null && c.actual_preview !== undefined ? el("pre", { text: format(c.actual_preview, number) }) : null));
        const figure = options.final && c.verdict !== "accepted" ? pictures(options.submissionId, c) : null;
        if (figure) details.append(figure);
      }
      body.append(el("tr", { class: c.verdict === "accepted" ? "passed" : "failed" },
        el("td", { text: caseLabel(c) }),
        el("td", { class: "v-" + c.verdict, text: words(c.verdict) }),
        // hidden cases report the quarter of the limit they used, never the exact figure
        el("td", { text: (c.coarse ? "≤ " : "") + (c.cpu_time * 1000).toFixed(c.coarse ? 0 : 1) + " ms / " + limits.time + " s" }),
        el("td", { text: (c.coarse ? "≤ " : "") + (c.memory_kb / 1024).toFixed(c.coarse ? 0 : 1) + " / " + limits.memory + " MiB" }),
        details));
    });
    table.append(body);
    return table;
  }

  // options: {submissionId, final, limits, tolerance}. While grading runs the cases show in
  // the order they arrive; once final, the first failure leads and failures head the table.
  function render(box, cases, options) {
    options = Object.assign({}, options);
    if (!options.final) {
      if (cases.length) box.replaceChildren(caseTable(cases, options));
      else box.replaceChildren();
      return;
    }
    const failed = failures(cases);
    const ordered = failed.concat(cases.filter((c) => c.verdict === "accepted"));
    // A failing case with data to compare teaches most; else the first failing hidden case.
    options.featured = failed.find((c) => c.expected_preview !== undefined && c.expected_preview !== null) || failed[0];
    box.replaceChildren(...[options.featured ? firstFailure(options.featured, options) : null,
      cases.length ? caseTable(ordered, options) : null].filter(Boolean));
  }

  return { plain, numberFormatter, format, difference, summaryText, render };
})();
