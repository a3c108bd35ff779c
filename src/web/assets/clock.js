// quiz: the exam's clock. The server keeps the time (its deadline decides);
// this shows it going down, as the full screen does, and at 0:00 loads the
// page again, which the server answers with the results.
(function () {
  var start = document.querySelector(".clock[data-left-ms]");
  if (!start) return;
  var end = Date.now() + Number(start.getAttribute("data-left-ms"));
  var warn = Number(start.getAttribute("data-warn-ms"));
  var bad = Number(start.getAttribute("data-bad-ms"));

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // As `present` writes it: rounded up, 4:07 or 1:05:09.
  function format(ms) {
    var s = Math.ceil(ms / 1000);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    s = s % 60;
    return h > 0 ? h + ":" + two(m) + ":" + two(s) : m + ":" + two(s);
  }

  function tick() {
    var left = Math.max(0, end - Date.now());
    var clock = document.querySelector(".clock");
    if (clock) {
      clock.textContent = "⏱ " + format(left) + " left";
      clock.classList.remove("tone-plain", "tone-warn", "tone-bad");
      clock.classList.add(left <= bad ? "tone-bad" : left <= warn ? "tone-warn" : "tone-plain");
    }
    if (left <= 0) {
      window.location.reload();
      return;
    }
    setTimeout(tick, left % 1000 || 1000);
  }

  tick();
})();
