// The editor's settings, remembered per browser: line wrap, Vim keys, font size and height.
// Runs after problem.js, which made window.cvprepEditor; the textarea fallback takes what it can.
(function () {
  "use strict";
  const KEY = "cvprep:editor";
  const host = document.getElementById("editor");
  const editor = window.cvprepEditor;
  const panel = document.getElementById("editor-settings");
  if (!host || !editor || !panel) return;
  const defaults = { wrap: false, vim: false, fontSize: 13, height: 0 };

  function load() {
    try {
      return Object.assign({}, defaults, JSON.parse(localStorage.getItem(KEY) || "{}"));
    } catch (error) {
      return Object.assign({}, defaults);  // a hand-edited value is not worth an error
    }
  }

  const settings = load();
  const save = () => localStorage.setItem(KEY, JSON.stringify(settings));

  function apply() {
    if (editor.setWrap) editor.setWrap(settings.wrap);
    if (editor.setVim) editor.setVim(settings.vim);
    host.style.setProperty("--editor-font-size", settings.fontSize + "px");
    document.getElementById("code").style.fontSize = settings.fontSize + "px";
    if (settings.height) host.style.height = settings.height + "px";
    if (editor.measure) editor.measure();
  }

  const wrap = document.getElementById("opt-wrap");
  const vimKeys = document.getElementById("opt-vim");
  const font = document.getElementById("opt-font");
  wrap.checked = settings.wrap;
  vimKeys.checked = settings.vim;
  vimKeys.disabled = !editor.setVim;  // the plain textarea has no keymaps
  font.value = String(settings.fontSize);
  wrap.addEventListener("change", () => { settings.wrap = wrap.checked; save(); apply(); });
  vimKeys.addEventListener("change", () => { settings.vim = vimKeys.checked; save(); apply(); editor.focus(); });
  font.addEventListener("change", () => { settings.fontSize = Number(font.value); save(); apply(); });
  document.getElementById("opt-reset").addEventListener("click", () => {
    Object.assign(settings, defaults);
    host.style.height = "";
    localStorage.removeItem(KEY);
    wrap.checked = false; vimKeys.checked = false; font.value = String(defaults.fontSize);
    apply();
  });

  // The editor's corner resizes it (CSS resize); the height it is left at is remembered.
  let resizeTimer = null;
  let first = true;
  new ResizeObserver(() => {
    if (first) { first = false; return; }  // the observer reports the initial size too
    if (editor.measure) editor.measure();
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { settings.height = Math.round(host.getBoundingClientRect().height); save(); }, 300);
  }).observe(host);
  apply();
})();
