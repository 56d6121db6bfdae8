package gateway

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// demoHarness runs the demo script (its path is the first argument) in
// Node against a minimal DOM, fetch and EventSource: one pane loads a
// page (the second argument, a JSON MessagePage), then receives the views
// the test scripted (the third, a JSON array) as SSE "view" events, one at
// a time and in that order. It prints the pane's list, top to bottom, as a
// JSON array of {id, text}.
const demoHarness = `
"use strict";
const fs = require("fs");
const vm = require("vm");
const [script, pageJSON, events] = process.argv.slice(2);

class El {
  constructor(tag, cls) {
    this.tagName = tag; this.className = cls || ""; this.children = []; this.parent = null;
    this.dataset = {}; this.listeners = {}; this.textContent = ""; this.value = "";
  }
  appendChild(c) { return this.insertBefore(c, null); }
  append(...cs) { cs.forEach((c) => this.appendChild(c)); }
  insertBefore(c, ref) {
    if (c.parent) c.parent.children.splice(c.parent.children.indexOf(c), 1);
    const i = ref === null ? this.children.length : this.children.indexOf(ref);
    if (i < 0) throw new Error("insertBefore: the reference is not a child");
    this.children.splice(i, 0, c);
    c.parent = this;
    return c;
  }
  replaceChildren(...cs) { this.children.forEach((c) => { c.parent = null; }); this.children = []; this.append(...cs); }
  get lastElementChild() { return this.children[this.children.length - 1] || null; }
  get previousElementSibling() { const s = this.parent.children; const i = s.indexOf(this); return i > 0 ? s[i - 1] : null; }
  addEventListener(type, f) { (this.listeners[type] ||= []).push(f); }
  querySelector(sel) {
    for (const c of this.children) {
      if ("." + c.className === sel) return c;
      const found = c.querySelector(sel);
      if (found) return found;
    }
    return null;
  }
}

function paneTemplate() {
  const frag = new El("#fragment");
  frag.append(new El("strong", "user"), new El("select", "locale"), new El("span", "status"),
    new El("ol", "messages"), new El("form", "compose"));
  frag.querySelector(".compose").append(new El("input", "text"));
  return frag;
}

const root = new El("section", "pane");
root.dataset.user = "Beto";
root.dataset.locale = "es";
const docListeners = {};
globalThis.document = {
  getElementById: (id) => id === "pane-template" ? { content: { cloneNode: paneTemplate } } : new El("x", id),
  querySelectorAll: (sel) => sel === ".pane" ? [root] : [],
  createElement: (tag) => new El(tag),
  addEventListener: (type, f) => { docListeners[type] = f; },
};
globalThis.location = { search: "?c=demo" };
globalThis.history = { replaceState() {} };
const page = JSON.parse(pageJSON);
globalThis.fetch = async () => ({ ok: true, json: async () => page });
let source = null;
globalThis.EventSource = class {
  constructor(url) { this.url = url; this.listeners = {}; source = this; }
  addEventListener(type, f) { this.listeners[type] = f; }
  close() {}
};

vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
(async () => {
  docListeners.DOMContentLoaded();
  for (let i = 0; i < 10 && !source; i++) await new Promise((r) => setTimeout(r, 0));
  if (!source) throw new Error("the pane opened no event stream");
  for (const v of JSON.parse(events)) source.listeners.view({ data: JSON.stringify(v) });
  const list = root.querySelector(".messages");
  const shown = list.children.map((li) => ({ id: li.dataset.id, text: li.querySelector(".text").textContent }));
  process.stdout.write(JSON.stringify(shown));
})().catch((err) => { console.error(err); process.exit(1); });
`

// TestDemoPaneOrder runs the demo page's script in Node: a pane shows
// messages in conversation order (post_seq, the post's sequence) whatever
// order their views arrive in, since each is sent when its translation is
// ready, and a message first seen edited (its seq is its edit's) goes
// where it was posted; an edit replaces its message in place, and an
// older view never replaces a newer one. Against a server older than
// post_seq, the page's order stands and the seq places the rest.
func TestDemoPaneOrder(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	script, err := demoFiles.ReadFile("demo/app.js")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range map[string][]byte{"app.js": script, "harness.js": []byte(demoHarness)} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	type view struct {
		ID        string `json:"id"`
		Seq       uint64 `json:"seq"`
		PostSeq   uint64 `json:"post_seq,omitempty"`
		Revision  int    `json:"revision"`
		Status    string `json:"status"`
		Text      string `json:"text"`
		Label     string `json:"label"`
		Direction string `json:"direction"`
	}
	type page struct {
		Conversation string `json:"conversation"`
		Locale       string `json:"locale"`
		LastSeq      uint64 `json:"last_seq"`
		Messages     []view `json:"messages"`
	}
	// v is a view of id, posted at post and last changed at seq (revision
	// 2 when they differ); post 0 leaves post_seq out, as a server older
	// than it does.
	v := func(id string, post, seq uint64, text string) view {
		r := 1
		if seq != post && post != 0 {
			r = 2
		}
		return view{ID: id, Seq: seq, PostSeq: post, Revision: r, Status: "translated", Text: text, Direction: "ltr"}
	}
	tests := []struct {
		name   string
		page   []view
		events []view
		ids    []string
		texts  []string
	}{
		{
			name: "post_seq",
			// a was posted at 12 and edited at 15: the page's last change.
			page: []view{v("a", 12, 15, "a (editado)"), v("b", 14, 14, "b")},
			events: []view{
				v("e", 18, 18, "e"),           // its translation was ready first
				v("c", 16, 16, "c"),           // goes before e
				v("d", 17, 22, "d (editado)"), // first seen edited: where it was posted, between c and e
				v("c", 16, 19, "c (editado)"), // an edit keeps c's place
				v("c", 16, 16, "c"),           // a late older view changes nothing
				v("f", 20, 20, "f"),           // after everything
				v("b", 14, 21, "b (editado)"), // an edit of a page message
				v("z", 3, 23, "z (editado)"),  // an edit of a message before the page goes above it
			},
			ids:   []string{"z", "a", "b", "c", "d", "e", "f"},
			texts: []string{"z (editado)", "a (editado)", "b (editado)", "c (editado)", "d (editado)", "e", "f"},
		},
		{
			name: "a server without post_seq",
			// An edited message's seq is its edit's: the page's order stands.
			page: []view{v("a", 0, 15, "a (editado)"), v("b", 0, 14, "b")},
			events: []view{
				v("e", 0, 18, "e"),
				v("c", 0, 16, "c"),
				v("d", 0, 17, "d"),
				v("c", 0, 19, "c (editado)"),
				v("c", 0, 16, "c"),
				v("f", 0, 20, "f"),
				v("b", 0, 21, "b (editado)"),
			},
			ids:   []string{"a", "b", "c", "d", "e", "f"},
			texts: []string{"a (editado)", "b (editado)", "c (editado)", "d", "e", "f"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg, err := json.Marshal(page{Conversation: "demo", Locale: "es", LastSeq: 15, Messages: tt.page})
			if err != nil {
				t.Fatal(err)
			}
			events, err := json.Marshal(tt.events)
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.CommandContext(t.Context(), node, filepath.Join(dir, "harness.js"), filepath.Join(dir, "app.js"), string(pg), string(events)).Output()
			if err != nil {
				var stderr []byte
				if ee, ok := err.(*exec.ExitError); ok {
					stderr = ee.Stderr
				}
				t.Fatalf("node: %v\n%s", err, stderr)
			}
			var shown []struct{ ID, Text string }
			if err := json.Unmarshal(out, &shown); err != nil {
				t.Fatalf("harness output %q: %v", out, err)
			}
			var ids, texts []string
			for _, s := range shown {
				ids, texts = append(ids, s.ID), append(texts, s.Text)
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("pane shows %v, want %v", ids, tt.ids)
			}
			if !slices.Equal(texts, tt.texts) {
				t.Errorf("pane texts %q, want %q", texts, tt.texts)
			}
		})
	}
}
