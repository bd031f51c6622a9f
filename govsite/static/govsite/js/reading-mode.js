/* Elder-friendly reading modes (U2; GB/T 37668-2019): 大字 and 高对比度.
   Loaded in <head> without defer, so the chosen modes are on <html> before the first paint of every page;
   the choice is kept in localStorage because the public pages are static files. Without JavaScript the
   switches stay hidden and the browser's own zoom remains. */
(function () {
  "use strict";
  var MODES = { large: "mode-large", contrast: "mode-contrast" };
  var KEY = "govsite.readingMode.";
  var root = document.documentElement;

  function stored(mode) {
    try { return window.localStorage.getItem(KEY + mode) === "1"; } catch (e) { return false; }
  }

  function store(mode, on) {
    try {
      if (on) { window.localStorage.setItem(KEY + mode, "1"); } else { window.localStorage.removeItem(KEY + mode); }
    } catch (e) { /* storage refused (private window): the mode still holds on this page */ }
  }

  function apply(mode, on) {
    root.classList.toggle(MODES[mode], on);
  }

  function wire() {
    var bar = document.getElementById("reading-mode");
    if (!bar) { return; }
    Array.prototype.forEach.call(bar.querySelectorAll("button[data-mode]"), function (button) {
      var mode = button.getAttribute("data-mode");
      button.setAttribute("aria-pressed", String(root.classList.contains(MODES[mode])));
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        apply(mode, on);
        store(mode, on);
        button.setAttribute("aria-pressed", String(on));
      });
    });
    bar.hidden = false;
  }

  Object.keys(MODES).forEach(function (mode) { apply(mode, stored(mode)); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
}());
