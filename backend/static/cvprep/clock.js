// The interview clock: counts down from the server's figure and re-syncs with the server, so a
// wrong local clock, a refresh or a second tab never changes the deadline.
(function () {
  "use strict";
  const id = JSON.parse(document.getElementById("interview-id").textContent);
  const clock = document.getElementById("clock");
  let endsAt = null;  // in this browser's performance.now() time

  async function sync() {
    const response = await fetch("/api/interviews/" + id + "/", { credentials: "same-origin" });
    if (!response.ok) return;
    const state = await response.json();
    endsAt = performance.now() + state.seconds_left * 1000;
    if (state.status === "finished") window.location.href = "/interviews/" + id + "/report/";
  }

  function tick() {
    if (endsAt === null) return;
    const left = Math.max(0, Math.round((endsAt - performance.now()) / 1000));
    clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left === 0) { clock.textContent = "time is up"; setTimeout(sync, 2000); }
  }

  sync();
  setInterval(sync, 15000);
  setInterval(tick, 500);
})();
