// Records the editor during a mock interview: each CodeMirror change (as ChangeSet JSON, with
// the kind of input that made it) and time away from the tab, sent in chunks to the server,
// which replays the log after the interview and keeps it only if it ends on the handed-in
// code. Runs and submits need no recording: the server has them. Loaded only in interviews.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("page-config").textContent);
  const host = document.getElementById("editor");
  if (!config.interview || !host) return;
  const url = "/api/interviews/" + config.interview + "/recordings/" + config.problem + "/";
  const segment = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const MAX_BUFFER_CHARS = 100000;  // a chunk stays well under the server's bound
  let buffer = [{ k: "seg", t: Date.now() }];
  let stopped = false;
  let awaySince = null;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function flush() {
    if (stopped || !buffer.some((event) => event.k !== "seg")) return;  // nothing happened yet
    const events = buffer;
    buffer = [];
    fetch(url, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ segment, sent: Date.now(), events }),
    }).then((response) => {
      if (response.status === 409) stopped = true;  // the interview is over
    }).catch(() => { buffer = events.concat(buffer); });  // offline: try again with the next
  }

  let size = 0;
  host.addEventListener("cvprep:changes", (event) => {
    event.detail.forEach((change) => {
      const item = { k: "ch", t: Date.now(), c: change.changes, u: change.userEvent };
      buffer.push(item);
      size += JSON.stringify(item.c).length;
    });
    if (size > MAX_BUFFER_CHARS) { size = 0; flush(); }
  });

  function away() { if (awaySince === null) awaySince = Date.now(); }
  function back() {
    if (awaySince === null) return;
    buffer.push({ k: "away", t: awaySince, ms: Date.now() - awaySince });
    awaySince = null;
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") { away(); flush(); } else back();
  });
  window.addEventListener("blur", away);
  window.addEventListener("focus", back);
  window.addEventListener("pagehide", () => { back(); flush(); });
  setInterval(flush, 5000);
  window.cvprepRecorder = { flush: flush, pending: () => buffer.length };  // for browser tests
})();
