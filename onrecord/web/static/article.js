/* The evidence page: hovering, clicking or focusing any part of an attribution lights up all of it
   and names it in a small panel. Everything it writes goes through textContent, never as markup. */
(function () {
  "use strict";
  var text = document.getElementById("text");
  var panel = document.getElementById("quote-panel");
  if (!text || !panel) {
    return;
  }
  var title = panel.querySelector(".panel-title");
  var detail = panel.querySelector(".panel-detail");
  var link = panel.querySelector(".panel-link");
  var parts = {};
  var shown = null;
  var pinned = null;

  text.querySelectorAll("[data-q]").forEach(function (el) {
    idsOf(el).forEach(function (id) {
      (parts[id] = parts[id] || []).push(el);
    });
  });

  function idsOf(el) {
    return el.getAttribute("data-q").split(" ");
  }

  function mark(id, on) {
    (parts[id] || []).forEach(function (el) {
      el.classList.toggle("active", on);
    });
    var item = document.getElementById("attr-" + id);
    if (item) {
      item.classList.toggle("active", on);
    }
  }

  function describe(id) {
    var item = document.getElementById("attr-" + id);
    if (!item) {
      return;
    }
    var cue = item.getAttribute("data-cue");
    title.textContent = item.getAttribute("data-number") + ". " + item.getAttribute("data-speaker") +
      (cue ? " · " + cue : "");
    detail.textContent = item.getAttribute("data-kind") + " quote";
    link.setAttribute("href", "#attr-" + id);
  }

  function show(id) {
    if (id === shown) {
      return;
    }
    if (shown) {
      mark(shown, false);
    }
    shown = id && parts[id] ? id : null;
    panel.hidden = !shown;
    if (shown) {
      mark(shown, true);
      describe(shown);
    }
  }

  function pick(el) {
    var ids = idsOf(el);
    var at = ids.indexOf(pinned);
    // Overlapping quotes: each click on the same text moves on to the next one covering it.
    return at === -1 ? ids[0] : ids[(at + 1) % ids.length];
  }

  text.addEventListener("mouseover", function (event) {
    var el = event.target.closest("[data-q]");
    if (el && idsOf(el).indexOf(shown) === -1) {
      show(idsOf(el)[0]);
    }
  });
  text.addEventListener("mouseleave", function () {
    show(pinned);
  });
  text.addEventListener("click", function (event) {
    var el = event.target.closest("[data-q]");
    pinned = el ? pick(el) : null;
    show(pinned);
  });
  text.addEventListener("focusin", function (event) {
    var match = /^q(\d+)$/.exec(event.target.id || "");
    if (match) {
      pinned = match[1];
      show(pinned);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      pinned = null;
      show(null);
    }
  });

  function fromHash() {
    var match = /^#q(\d+)$/.exec(window.location.hash);
    if (match) {
      pinned = match[1];
      show(pinned);
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
