// Live status of graded work, the same on every page.
//
// CvprepLive.follow(url, options) follows one job: its server-sent events at url + "events/"
// (a handler per event name in options.on; "done" ends it), or, when events are not available
// or the stream fails or times out, polling url every options.interval ms until
// options.finished(data). options.done(data) is called once, with the last state.
// The status endpoints (backend/grading/status.py) and the coding page's per-case stream
// (backend/submissions/events.py) both follow this shape.
//
// Each element with data-live="<status URL>" shows its job's status as it changes; when every
// job on the page has finished, the page loads once more to show the results.
(function () {
  function follow(url, options) {
    var on = options.on || {};
    var interval = options.interval || 2000;
    var ended = false;

    function end(data) {
      if (ended) return;
      ended = true;
      options.done(data);
    }

    function poll() {
      if (ended) return;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          // Not yours to follow (403, 404): stop; a server or network hiccup: try again.
          if (response.status >= 400 && response.status < 500) return { gone: true };
          return response.ok ? response.json() : null;
        })
        .catch(function () { return null; })
        .then(function (data) {
          if (data && data.gone) return;
          if (data && options.polled) options.polled(data);
          if (data && options.finished(data)) return end(data);
          setTimeout(poll, interval);
        });
    }

    if (!window.EventSource) { poll(); return; }
    var source = new EventSource(url + "events/");
    Object.keys(on).forEach(function (name) {
      source.addEventListener(name, function (event) {
        if (!ended) on[name](JSON.parse(event.data));
      });
    });
    source.addEventListener("done", function (event) { source.close(); end(JSON.parse(event.data)); });
    source.addEventListener("timeout", function () { source.close(); poll(); });
    source.onerror = function () { source.close(); poll(); };
    // A handler may end the follow itself (a snapshot that is already final).
    return { end: function (data) { source.close(); end(data); } };
  }

  window.CvprepLive = { follow: follow };

  var watched = Array.prototype.slice.call(document.querySelectorAll("[data-live]"));
  if (!watched.length) return;
  var pending = watched.length;

  function show(element, data) {
    var target = element.querySelector("[data-live-status]") || element;
    if (target.textContent !== data.status) target.textContent = data.status;
  }

  watched.forEach(function (element) {
    follow(element.dataset.live, {
      on: { status: function (data) { show(element, data); } },
      polled: function (data) { show(element, data); },
      finished: function (data) { return data.finished; },
      done: function (data) {
        show(element, data);
        pending -= 1;
        if (pending === 0) location.reload();
      },
    });
  });
})();
