// Keeps relative times ("3 min ago") true on a page left open; the absolute time is the title.
// The server renders the same words (Formats.relative), so this only refreshes them.
(function () {
  "use strict";

  function span(seconds) {
    if (seconds < 60) return seconds + " s";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min";
    if (seconds < 86400) return Math.floor(seconds / 3600) + " h";
    var days = Math.floor(seconds / 86400);
    return days + (days === 1 ? " day" : " days");
  }

  function relative(seconds) {
    if (seconds < 0) return -seconds < 10 ? "just now" : "in " + span(-seconds);
    return seconds < 10 ? "just now" : span(seconds) + " ago";
  }

  function refresh() {
    var now = Date.now();
    document.querySelectorAll("time[datetime]").forEach(function (el) {
      var at = Date.parse(el.getAttribute("datetime"));
      if (!isNaN(at)) {
        el.textContent = relative(Math.floor((now - at) / 1000));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    refresh();
    setInterval(refresh, 30000);
  });
})();
