// newsfacts reader: the text-size control (persisted per browser) and keyboard closing of fact popovers.
// Loaded as a file from this server only: the Content-Security-Policy forbids inline and remote scripts.
(function () {
  "use strict";

  var STORAGE_KEY = "newsfacts.textSize";
  var DEFAULT_PX = 16;
  var STEP_PX = 2;   // one click changes a visible amount without jumping past comfortable sizes
  var MIN_PX = 12;
  var MAX_PX = 32;

  function readStored() {
    try {
      var value = parseInt(window.localStorage.getItem(STORAGE_KEY), 10);
      return isNaN(value) ? DEFAULT_PX : clamp(value);
    } catch (e) {
      return DEFAULT_PX; // storage blocked (private mode): the control still works for this page
    }
  }

  function clamp(px) {
    return Math.max(MIN_PX, Math.min(MAX_PX, px));
  }

  function store(px) {
    try {
      if (px === DEFAULT_PX) {
        window.localStorage.removeItem(STORAGE_KEY);
      } else {
        window.localStorage.setItem(STORAGE_KEY, String(px));
      }
    } catch (e) { /* nothing to do: the size still applies to this page */ }
  }

  function apply(px, control) {
    // CSSOM writes are allowed under the CSP (unlike style attributes in markup).
    document.documentElement.style.setProperty("--reader-size", px + "px");
    var output = control.querySelector(".textsize-value");
    output.textContent = px + " px";
    control.querySelector('[data-textsize="larger"]').disabled = px >= MAX_PX;
    control.querySelector('[data-textsize="smaller"]').disabled = px <= MIN_PX;
  }

  function setUpTextSize(control) {
    var size = readStored();
    apply(size, control);
    control.hidden = false;
    control.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-textsize]");
      if (!button) return;
      var action = button.getAttribute("data-textsize");
      size = action === "larger" ? clamp(size + STEP_PX) : action === "smaller" ? clamp(size - STEP_PX) : DEFAULT_PX;
      store(size);
      apply(size, control);
    });
  }

  function setUpPopovers() {
    // Escape hides the popover of the focused figure; focusing it again shows it.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var active = document.activeElement;
      if (active && active.classList && active.classList.contains("fact")) {
        active.classList.add("tip-dismissed");
      }
    });
    document.addEventListener("focusin", function (event) {
      if (event.target.classList && event.target.classList.contains("fact")) {
        event.target.classList.remove("tip-dismissed");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var controls = document.querySelectorAll(".textsize");
    for (var i = 0; i < controls.length; i++) setUpTextSize(controls[i]);
    setUpPopovers();
  });
})();
