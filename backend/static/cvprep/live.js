// Live status of graded work, the same on every page: each element with data-live="<status
// URL>" (backend/grading/status.py) shows its job's status as it changes, by server-sent events,
// or by polling the URL every 2 s when events are not available. When every job on the page has
// finished, the page loads once more to show the results.
(function () {
  var watched = Array.prototype.slice.call(document.querySelectorAll("[data-live]"));
  if (!watched.length) return;
  var pending = watched.length;

  function show(element, data) {
    var target = element.querySelector("[data-live-status]") || element;
    if (target.textContent !== data.status) target.textContent = data.status;
    if (data.finished && !element.dataset.liveFinished) {
      element.dataset.liveFinished = "1";
      pending -= 1;
      if (pending === 0) location.reload();
    }
  }

  function poll(element, url) {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        // Not yours to follow (403, 404): stop; a server or network hiccup: try again.
        if (response.status >= 400 && response.status < 500) return { gone: true };
        return response.ok ? response.json() : null;
      })
      .catch(function () { return null; })
      .then(function (data) {
        if (data && data.gone) return;
        if (data) show(element, data);
        if (!data || !data.finished) setTimeout(function () { poll(element, url); }, 2000);
      });
  }

  watched.forEach(function (element) {
    var url = element.dataset.live;
    if (!window.EventSource) { poll(element, url); return; }
    var source = new EventSource(url + "events/");
    var handle = function (event) { show(element, JSON.parse(event.data)); };
    source.addEventListener("status", handle);
    source.addEventListener("done", function (event) { source.close(); handle(event); });
    source.addEventListener("timeout", function () { source.close(); poll(element, url); });
    source.onerror = function () { source.close(); poll(element, url); };
  });
})();
