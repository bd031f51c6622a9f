/* First-party visit count: the page tells its own site's /tongji/hit that it was viewed. No cookie, no
   third party, nothing stored in the browser; nothing happens when the browser lacks sendBeacon. */
(function () {
  "use strict";
  if (!navigator.sendBeacon || !window.URLSearchParams) { return; }
  navigator.sendBeacon("/tongji/hit", new URLSearchParams({ p: location.pathname }));
})();
