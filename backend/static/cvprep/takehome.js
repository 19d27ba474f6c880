// Code review: a click on a line number points the comment form at that line.
document.querySelectorAll(".line-button").forEach(function (button) {
  button.addEventListener("click", function () {
    document.getElementById("id_line").value = button.dataset.line;
    document.getElementById("id_body").focus();
  });
});
