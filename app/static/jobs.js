// A job's page: poll its JSON status every second and update the counts and the bar; when the job ends,
// reload once so the server renders the result (and the retry button). Without JS a meta refresh does it.
(function () {
  var box = document.querySelector("[data-job-status]");
  if (!box) return;
  var url = box.getAttribute("data-job-status");
  var bar = box.querySelector("progress");
  var startedFinished = null;

  function set(name, value) {
    var el = box.querySelector('[data-job-field="' + name + '"]');
    if (el) el.textContent = value;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (s) {
        if (startedFinished === null) startedFinished = s.finished || s.state === "stalled";
        if (bar) bar.value = s.percent;
        set("done", s.done.toLocaleString());
        set("total", s.total.toLocaleString());
        set("percent", s.percent);
        if ((s.finished || s.state === "stalled") && !startedFinished) {
          window.location.reload();
          return;
        }
        if (!s.finished && s.state !== "stalled") window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  poll();
})();
