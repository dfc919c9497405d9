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
    // The whole reading area follows the size (panels and tables are sized in rem), not the text alone.
    document.documentElement.classList.add("reader-sized");
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

// The coder's workbench: sign in with a token (kept in sessionStorage, sent as a Bearer header: never a cookie,
// so another site cannot make this browser write), confirm / correct / reject a figure, add one by selecting
// its words. Every write goes to the JSON API; a 409 says another coder changed the fact first and shows it.
(function () {
  "use strict";

  var TOKEN_KEY = "newsfacts.token";
  var CODER_KEY = "newsfacts.coder";

  function session(key, value) {
    try {
      if (value === undefined) return window.sessionStorage.getItem(key);
      if (value === null) window.sessionStorage.removeItem(key); else window.sessionStorage.setItem(key, value);
    } catch (e) { return null; }
    return null;
  }

  function headers() {
    var h = { "Content-Type": "application/json", "Authorization": "Bearer " + (session(TOKEN_KEY) || "") };
    var coder = session(CODER_KEY);
    if (coder) h["X-Coder"] = coder;
    return h;
  }

  function status(text, isError) {
    var boxes = document.querySelectorAll(".review-status");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].textContent = text;
      boxes[i].classList.toggle("error", !!isError);
    }
  }

  function errorText(body, fallback) {
    return body && body.error ? body.error.message : fallback;
  }

  function showSignedIn(name) {
    var signin = document.getElementById("signin");
    var signed = document.getElementById("signed-in");
    if (!signin || !signed) return;
    signin.hidden = !!name;
    signed.hidden = !name;
    if (name) signed.querySelector(".coder-name").textContent = name;
    document.body.classList.toggle("coding", !!name);
    var rows = document.querySelectorAll(".review-row");
    for (var i = 0; i < rows.length; i++) rows[i].hidden = !name;
  }

  function checkToken() {
    return fetch("/api/v1/coder", { headers: headers(), credentials: "omit" }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(errorText(body, "sign-in failed"));
        return body.coder;
      });
    });
  }

  function send(url, body) {
    return fetch(url, { method: "POST", headers: headers(), credentials: "omit", body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (answer) { return { status: response.status, body: answer }; });
      });
  }

  function after(result, form) {
    if (result.status === 201) {
      status("Saved: revision " + result.body.revision.id + ". Reloading…");
      window.location.reload();
      return;
    }
    if (result.status === 409 && result.body.error && result.body.error.current) {
      var now = result.body.error.current;
      if (form && form.dataset.fact !== undefined) {
        // The other coder's change is kept; sending again applies this one on top of it.
        form.dataset.revision = now.revision_id === null ? "" : String(now.revision_id);
      }
      status(result.body.error.message + " Now: " + now.fact.value + " " + now.fact.category + " (" + now.state +
             (now.coder ? ", by " + now.coder : "") + ").", true);
      return;
    }
    status(errorText(result.body, "the store refused the change (" + result.status + ")"), true);
  }

  function reviewBody(form, action) {
    var body = { action: action, seen_revision: form.dataset.revision ? parseInt(form.dataset.revision, 10) : null };
    var note = form.elements.note.value.trim();
    if (note) body.note = note;  // a note typed under "Correct…" goes with a confirm or reject too
    if (action === "correct") {
      var value = parseInt(form.elements.value.value, 10);
      if (!isNaN(value) && String(value) !== form.dataset.value) body.value = value;
      if (form.elements.category.value !== form.dataset.category) body.category = form.elements.category.value;
      if (form.elements.role.value !== form.dataset.role) body.role = form.elements.role.value;
      if (body.value === undefined && body.category === undefined && body.role === undefined) return null;
    }
    return body;
  }

  function setUpReviewForms() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.classList || !form.classList.contains("review-fact")) return;
      event.preventDefault();
      var action = event.submitter ? event.submitter.value : "confirm";
      var body = reviewBody(form, action);
      if (body === null) { status("Change the figure, category or role first.", true); return; }
      var url = "/api/v1/articles/" + form.dataset.article + "/facts/" + form.dataset.fact + "/revisions";
      send(url, body).then(function (result) { after(result, form); });
    });
  }

  // Offsets into the article text: each paragraph knows where it starts; the tooltips inside highlights are not
  // article text, so they are removed from the copied range before counting.
  function offsetIn(paragraph, node, offset) {
    var range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(node, offset);
    var copy = range.cloneContents();
    var tips = copy.querySelectorAll(".tip");
    for (var i = 0; i < tips.length; i++) tips[i].remove();
    return parseInt(paragraph.dataset.start, 10) + copy.textContent.length;
  }

  function paragraphOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element ? element.closest("#article-text p[data-start]") : null;
  }

  function setUpAddFact() {
    var form = document.getElementById("add-fact");
    var text = document.getElementById("article-text");
    if (!form || !text) return;
    function onSelect() {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
      var range = selection.getRangeAt(0);
      var paragraph = paragraphOf(range.startContainer);
      if (!paragraph || paragraph !== paragraphOf(range.endContainer)) return;
      var start = offsetIn(paragraph, range.startContainer, range.startOffset);
      var end = offsetIn(paragraph, range.endContainer, range.endOffset);
      var words = range.toString();
      if (end <= start) return;
      if (!session(TOKEN_KEY)) { status("Sign in to add a figure."); return; }
      form.elements.start.value = start;
      form.elements.end.value = end;
      form.querySelector(".add-words").textContent = words;
      var digits = words.replace(/,/g, "").match(/\d+/);
      if (digits) form.elements.value.value = digits[0];
      form.hidden = false;
    }
    text.addEventListener("mouseup", onSelect);
    text.addEventListener("keyup", onSelect);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = {
        category: form.elements.category.value, value: parseInt(form.elements.value.value, 10),
        role: form.elements.role.value, start: parseInt(form.elements.start.value, 10),
        end: parseInt(form.elements.end.value, 10),
      };
      var note = form.elements.note.value.trim();
      if (note) body.note = note;
      if (form.elements.incident) body.incident = parseInt(form.elements.incident.value, 10);
      send("/api/v1/articles/" + form.dataset.article + "/facts", body).then(function (result) { after(result, null); });
    });
  }

  function setUpSignIn() {
    var signin = document.getElementById("signin");
    if (!signin) return;
    signin.addEventListener("submit", function (event) {
      event.preventDefault();
      session(TOKEN_KEY, signin.elements.token.value.trim());
      session(CODER_KEY, signin.elements.coder.value.trim() || null);
      checkToken().then(function (name) {
        status("");
        showSignedIn(name);
      }).catch(function (error) {
        session(TOKEN_KEY, null);
        status(error.message, true);
      });
    });
    document.getElementById("signout").addEventListener("click", function () {
      session(TOKEN_KEY, null);
      session(CODER_KEY, null);
      showSignedIn(null);
    });
    if (session(TOKEN_KEY)) {
      checkToken().then(showSignedIn).catch(function () { session(TOKEN_KEY, null); showSignedIn(null); });
    } else {
      showSignedIn(null);
    }
  }

  // Merge another event into this one, or split sources off into a new one; then show the event as it is now.
  function setUpEventChanges() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.classList || !form.classList.contains("event-change")) return;
      event.preventDefault();
      var body = {};
      var note = form.elements.note.value.trim();
      if (note) body.note = note;
      if (form.elements.other) body.other = parseInt(form.elements.other.value, 10);
      var boxes = form.querySelectorAll('input[name="articles"]:checked');
      if (form.querySelector('input[name="articles"]')) {
        body.articles = [];
        for (var i = 0; i < boxes.length; i++) body.articles.push(parseInt(boxes[i].value, 10));
        if (!body.articles.length) { status("Tick the sources to split off.", true); return; }
      }
      send(form.dataset.url, body).then(function (result) {
        if (result.status === 201) {
          var revision = result.body.revision;
          var target = revision.action === "split" ? revision.other_event_id : revision.event_id;
          window.location.assign("/events/" + target);
          return;
        }
        after(result, null);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpSignIn();
    setUpReviewForms();
    setUpAddFact();
    setUpEventChanges();
  });
})();
