// Progressive enhancement only: every page works without this file.
// The browser's time zone: the server shows visitors' times in it (else UTC), and
// sign-up and similar forms carry it in a hidden time_zone field. Reading it costs tens
// of milliseconds the first time (the browser loads its time zone data), so this same
// file, started as a worker, reads it off the page's main thread.
(function () {
  "use strict";
  if (typeof document === "undefined") {
    var zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {}
    self.postMessage(zone);
    self.close();
    return;
  }
  var script = document.currentScript;
  if (!window.Worker || !script || !script.src) return;
  var worker;
  try {
    worker = new Worker(script.src);
  } catch (e) {
    return;
  }
  worker.onmessage = function (event) {
    var zone = event.data;
    if (!zone) return;
    document.cookie = "tertulia_tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
    var fields = document.querySelectorAll('input[type="hidden"][name="time_zone"]');
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].value) fields[i].value = zone;
    }
  };
})();
