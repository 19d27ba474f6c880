// The interview round's bar: "I'm done: hand in now" asks before it ends the interview, and
// flushes the editor's draft first, so the newest code is what is handed in.
(function () {
  "use strict";
  const form = document.getElementById("hand-in");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!window.confirm(form.dataset.confirm)) return;
    form.querySelector("button").disabled = true;
    if (window.cvprepFlushDraft) await window.cvprepFlushDraft().catch(() => {});
    form.submit();
  });
})();
