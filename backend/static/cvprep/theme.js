// Light or dark: follows the system until the visitor picks one, then remembers the choice.
(function () {
  "use strict";
  const button = document.getElementById("theme-toggle");
  if (!button) return;
  button.addEventListener("click", () => {
    const systemDark = window.matchMedia("(prefers-color-scheme: dark)").matches;
    const current = document.documentElement.dataset.theme || (systemDark ? "dark" : "light");
    const next = current === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    localStorage.setItem("cvprep:theme", next);
    if (window.cvprepEditor && window.cvprepEditor.setDark) window.cvprepEditor.setDark(next === "dark");
  });
})();
