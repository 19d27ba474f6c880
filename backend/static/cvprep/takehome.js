// Take-home pages. Code review: a click on a line number points the comment form at that line;
// the file picker opens the chosen file. (A hand-in being graded is followed by live.js.)
document.querySelectorAll(".line-button").forEach(function (button) {
  button.addEventListener("click", function () {
    document.getElementById("id_line").value = button.dataset.line;
    document.getElementById("id_body").focus();
  });
});
var picker = document.getElementById("file-select");
if (picker) {
  picker.addEventListener("change", function () {
    location.search = "?path=" + encodeURIComponent(picker.value);
  });
}
// The review form's rubric total follows the points as they are typed.
var total = document.getElementById("rubric-total");
if (total) {
  var inputs = document.querySelectorAll("#review-form input[name^='score_']");
  var update = function () {
    var sum = 0, any = false;
    inputs.forEach(function (input) {
      var value = parseFloat(input.value);
      if (!isNaN(value)) { sum += value; any = true; }
    });
    total.textContent = (any ? String(Math.round(sum * 100) / 100) : "–") + " / " + total.dataset.max;
  };
  inputs.forEach(function (input) { input.addEventListener("input", update); });
}
