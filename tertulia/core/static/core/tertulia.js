// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  // The server shows visitors' times in this zone (else UTC).
  document.cookie = "tertulia_tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
  // Sign-up and similar forms carry a hidden time_zone field filled from the browser.
  document.addEventListener("DOMContentLoaded", function () {
    var fields = document.querySelectorAll('input[type="hidden"][name="time_zone"]');
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].value) fields[i].value = zone;
    }
  });
})();
