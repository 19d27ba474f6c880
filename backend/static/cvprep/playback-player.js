// The report's player: replays an interview's recorded edits (CodeMirror ChangeSet JSON, which
// counts UTF-16 units as JavaScript strings do) with play, pause, 1-8x, idle time skipped and a
// timeline of runs, submits, pastes and time away. The server has checked the log replays.
(function () {
  "use strict";
  const IDLE_MS = 3000;  // a pause longer than this plays as IDLE_MS
  const TICK_MS = 50;

  function apply(doc, changes) {
    let out = "";
    let position = 0;
    changes.forEach((part) => {
      if (typeof part === "number") { out += doc.slice(position, position + part); position += part; }
      else { out += part.slice(1).join("\n"); position += part[0]; }
    });
    return out;
  }

  function clock(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function setUp(player) {
    const data = JSON.parse(document.getElementById(player.dataset.source).textContent);
    const code = player.querySelector(".player-code");
    const seek = player.querySelector(".seek");
    const playButton = player.querySelector(".play");
    const speed = player.querySelector(".speed");
    const time = player.querySelector(".player-time");
    const said = player.querySelector(".player-event");
    const marks = player.querySelector(".marks");

    // Real times -> play times with every idle stretch cut to IDLE_MS.
    const moments = data.events.map((event) => event[0]).concat(data.markers.map((m) => m.t));
    const first = Math.min(data.start, ...moments);
    const stops = Array.from(new Set(moments.concat([first]))).sort((a, b) => a - b);
    const playAt = new Map();
    let played = 0;
    stops.forEach((moment, index) => {
      if (index > 0) played += Math.min(moment - stops[index - 1], IDLE_MS);
      playAt.set(moment, played);
    });
    const total = Math.max(played, 1);
    const playTime = (moment) => playAt.get(moment) || 0;

    data.markers.forEach((marker) => {
      const mark = document.createElement("span");
      mark.className = "mark " + marker.kind;
      mark.style.left = (100 * playTime(marker.t) / total) + "%";
      mark.title = clock(marker.t - data.start) + " " + marker.label;
      marks.append(mark);
    });

    let position = 0;  // play time, ms
    let timer = null;

    function render() {
      let doc = data.starter;
      let segment = null;
      let last = null;
      data.events.forEach(([moment, seg, changes]) => {
        if (playTime(moment) > position) return;
        if (seg !== segment) { segment = seg; doc = data.starter; }
        doc = apply(doc, changes);
        last = moment;
      });
      code.textContent = doc;
      const passed = data.markers.filter((m) => playTime(m.t) <= position);
      const latest = passed[passed.length - 1];
      const now = Math.max(last || first, latest ? latest.t : first);
      time.textContent = clock(now - data.start) + " into the interview";
      said.textContent = latest ? clock(latest.t - data.start) + ": " + latest.label : "";
      seek.value = String(Math.round(1000 * position / total));
    }

    function pause() {
      clearInterval(timer);
      timer = null;
      playButton.textContent = "▶ Play";
      playButton.setAttribute("aria-label", "Play");
    }

    playButton.addEventListener("click", () => {
      if (timer !== null) { pause(); return; }
      if (position >= total) position = 0;
      playButton.textContent = "❚❚ Pause";
      playButton.setAttribute("aria-label", "Pause");
      timer = setInterval(() => {
        position = Math.min(total, position + TICK_MS * Number(speed.value));
        render();
        if (position >= total) pause();
      }, TICK_MS);
    });
    seek.addEventListener("input", () => { position = total * Number(seek.value) / 1000; render(); });
    render();
    player.playback = { total: () => total, seek: (fraction) => { position = total * fraction; render(); } };
  }

  document.querySelectorAll(".player[data-source]").forEach(setUp);
})();
