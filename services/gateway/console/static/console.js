// Parley console: keyboard shortcuts. The page works without this script;
// it only maps keys to the links, buttons and fields marked with data-key
// (and data-shortcut="/" for the search box). No inline script anywhere:
// the Content-Security-Policy allows scripts from /console/static/ only.
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  // interactive: the focused element handles keys itself (Enter follows a
  // link or presses a button), so no shortcut may take them from it.
  function interactive(el) {
    if (!el) return false;
    var tag = el.tagName;
    return typing(el) || tag === "BUTTON" || tag === "A" || tag === "SUMMARY";
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-row-link]"));
  }

  // rowLink is the link of a queue row, which j and k move the focus to:
  // a table row's aria-selected means nothing to assistive technology, a
  // focused link is announced with its name and description.
  function rowLink(row) {
    return row.querySelector("a[href]");
  }

  // onRowLink reports whether el is the link of a queue row: j, k and o
  // still move and open from there (Enter is left to the link).
  function onRowLink(el) {
    return !!(el && el.tagName === "A" && el.closest && el.closest("[data-row-link]"));
  }

  // current is the index of the row the focus is on (a row's link reached
  // with Tab counts), else of the row selected last, else -1.
  function current(list) {
    var a = document.activeElement;
    if (onRowLink(a)) {
      var i = list.indexOf(a.closest("[data-row-link]"));
      if (i >= 0) return i;
    }
    return list.findIndex(function (r) { return r.classList.contains("selected"); });
  }

  function select(delta) {
    var list = rows();
    if (list.length === 0) return false;
    var cur = current(list);
    list.forEach(function (r) { r.classList.remove("selected"); });
    var next = cur < 0 ? 0 : Math.min(list.length - 1, Math.max(0, cur + delta));
    list[next].classList.add("selected");
    // Roving tabindex: Tab comes back to the selected row's link.
    list.forEach(function (r, i) {
      var a = rowLink(r);
      if (a) a.setAttribute("tabindex", i === next ? "0" : "-1");
    });
    var link = rowLink(list[next]);
    if (link) link.focus();
    list[next].scrollIntoView({ block: "nearest" });
    var status = document.getElementById("queue-status");
    if (status) status.textContent = "Case " + (next + 1) + " of " + list.length + " selected";
    return true;
  }

  function activate(el) {
    if (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.tagName === "SELECT") {
      el.focus();
      if (el.select) el.select();
    } else {
      el.click();
    }
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Escape" && interactive(document.activeElement)) {
      document.activeElement.blur();
      return;
    }
    var key = ev.key;
    // Not just fields: Enter on a focused button or link must do what the
    // button or link says, not open the row picked with j. A queue row's
    // link, where j and k put the focus, still takes the queue's keys.
    if (onRowLink(document.activeElement) && onRowLink(ev.target) && key !== "Enter") {
      // fall through to the shortcuts
    } else if (interactive(ev.target) || interactive(document.activeElement)) {
      return;
    }
    if (key === "?") {
      var help = document.getElementById("shortcuts");
      if (help) { help.hidden = !help.hidden; ev.preventDefault(); }
      return;
    }
    if (key === "/") {
      var search = document.querySelector('[data-shortcut="/"]');
      if (search) { search.focus(); ev.preventDefault(); }
      return;
    }
    if ((key === "Enter" || key === "o") && rows().length > 0) {
      var list = rows(), i = current(list);
      if (i >= 0) { window.location.assign(list[i].getAttribute("data-row-link")); ev.preventDefault(); }
      return;
    }
    var target = document.querySelector('[data-key="' + CSS.escape(key) + '"]');
    if (target && !target.disabled) {
      activate(target);
      ev.preventDefault();
      return;
    }
    if (key === "j" && select(1)) ev.preventDefault();
    if (key === "k" && select(-1)) ev.preventDefault();
  });
})();
