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

  function select(delta) {
    var list = rows();
    if (list.length === 0) return false;
    var cur = list.findIndex(function (r) { return r.classList.contains("selected"); });
    var next = cur < 0 ? 0 : Math.min(list.length - 1, Math.max(0, cur + delta));
    if (cur >= 0) {
      list[cur].classList.remove("selected");
      list[cur].removeAttribute("aria-selected");
    }
    list[next].classList.add("selected");
    list[next].setAttribute("aria-selected", "true");
    list[next].scrollIntoView({ block: "nearest" });
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
    // Not just fields: Enter on a focused button or link must do what the
    // button or link says, not open the row picked with j.
    if (interactive(ev.target) || interactive(document.activeElement)) return;
    var key = ev.key;
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
      var sel = document.querySelector("[data-row-link].selected");
      if (sel) { window.location.assign(sel.getAttribute("data-row-link")); ev.preventDefault(); }
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
