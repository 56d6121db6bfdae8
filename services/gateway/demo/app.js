// Parley demo chat: each pane reads the conversation in its own locale,
// through the same API a chat client uses (a page, then Server-Sent Events
// from the page's last_seq). Text is only ever set with textContent.
"use strict";

(function () {
  const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
  let conversation = new URLSearchParams(location.search).get("c") || "demo";
  if (!idPattern.test(conversation)) conversation = "demo";
  const panes = [];

  function Pane(root) {
    const tpl = document.getElementById("pane-template");
    root.appendChild(tpl.content.cloneNode(true));
    this.root = root;
    this.user = root.dataset.user;
    this.locale = root.dataset.locale;
    this.list = root.querySelector(".messages");
    this.status = root.querySelector(".status");
    this.views = new Map();
    this.source = null;
    root.querySelector(".user").textContent = this.user;
    const select = root.querySelector(".locale");
    select.value = this.locale;
    select.addEventListener("change", () => { this.locale = select.value; root.dataset.locale = this.locale; this.open(); });
    const form = root.querySelector(".compose");
    const input = root.querySelector(".text");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      send(this.user, text).catch((err) => this.setStatus("send failed: " + err.message));
    });
  }

  Pane.prototype.setStatus = function (s) { this.status.textContent = s; };

  Pane.prototype.open = async function () {
    if (this.source) this.source.close();
    this.views.clear();
    this.list.replaceChildren();
    this.setStatus("loading");
    const q = "locale=" + encodeURIComponent(this.locale);
    const res = await fetch("/v1/conversations/" + encodeURIComponent(conversation) + "/messages?" + q);
    const page = await res.json();
    if (!res.ok) { this.setStatus(page.error ? page.error.message : "error " + res.status); return; }
    // The page is in conversation order: each message takes its place by
    // its post's seq, so that an older message the stream brings (an edit
    // of one before the page) goes above it. Without post_seq (an older
    // server), order 0 keeps the page as it is: an edited message's seq
    // is its edit's.
    page.messages.forEach((v) => this.show(v, 0));
    const url = "/v1/conversations/" + encodeURIComponent(conversation) + "/events?" + q + "&after=" + page.last_seq;
    const source = new EventSource(url);
    this.source = source;
    source.addEventListener("open", () => this.setStatus("live (" + page.locale + ")"));
    source.addEventListener("error", () => this.setStatus("reconnecting"));
    source.addEventListener("view", (ev) => this.show(JSON.parse(ev.data)));
  };

  // show adds or updates one message view. Views can arrive out of order
  // (a view is sent when its translation is ready): an older view (lower
  // seq, the latest change's) never replaces a newer one, an update keeps
  // the message where it is, and a new message takes its place in the
  // conversation by post_seq, its post's seq, which edits do not change
  // (a message first seen edited goes where it was posted). A server
  // older than post_seq has fallback (if given) or the seq instead.
  Pane.prototype.show = function (v, fallback) {
    const known = this.views.get(v.id);
    if (known && (known.view.seq > v.seq)) return;
    const li = known ? known.li : document.createElement("li");
    li.className = v.status + (v.author === this.user ? " mine" : "");
    li.dataset.id = v.id;
    li.dataset.status = v.status;
    li.replaceChildren();
    const author = document.createElement("span");
    author.className = "author";
    author.textContent = v.author || "?";
    // A name can be right to left: dir=auto isolates it (as <bdi> would),
    // so it does not reorder the text beside it.
    author.dir = "auto";
    const text = document.createElement("span");
    text.className = "text";
    text.dir = v.direction === "rtl" ? "rtl" : "ltr";
    // The text is in the reader's locale when translated, else in the
    // message's own language (when known), so screen readers and fonts
    // treat it as that language.
    const lang = v.status === "translated" ? v.locale : v.source_language;
    if (lang && lang !== "und") text.lang = lang;
    text.textContent = v.text;
    const label = document.createElement("span");
    label.className = "label";
    // The label's language is the UI locale the messages service picked
    // for the reader (English when it has none): let its letters decide.
    label.dir = "auto";
    label.textContent = v.label;
    li.append(author, text, label);
    if (!known) {
      let order = v.post_seq;
      if (order === undefined) order = fallback === undefined ? v.seq : fallback;
      li.dataset.order = String(order);
      this.insert(li);
    }
    this.views.set(v.id, { view: v, li: li });
    this.list.scrollTop = this.list.scrollHeight;
  };

  // insert puts a new message's li after the last one whose order is not
  // greater: in conversation order, which is also arrival order for equal
  // orders. New messages mostly go last, so the search starts there.
  Pane.prototype.insert = function (li) {
    const order = Number(li.dataset.order);
    let next = null;
    for (let el = this.list.lastElementChild; el && Number(el.dataset.order) > order; el = el.previousElementSibling) {
      next = el;
    }
    this.list.insertBefore(li, next);
  };

  async function send(author, text) {
    const res = await fetch("/v1/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ conversation: conversation, author: author, text: text }),
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new Error(body.error ? body.error.message : "HTTP " + res.status);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const convInput = document.getElementById("conversation");
    convInput.value = conversation;
    document.getElementById("conversation-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (!idPattern.test(convInput.value)) return;
      conversation = convInput.value;
      history.replaceState(null, "", "?c=" + encodeURIComponent(conversation));
      panes.forEach((p) => p.open());
    });
    document.querySelectorAll(".pane").forEach((root) => panes.push(new Pane(root)));
    panes.forEach((p) => p.open());
  });
})();
