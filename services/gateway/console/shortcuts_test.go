package console_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// shortcutHarness runs static/console.js (its path is the first argument)
// in Node against a minimal DOM: a queue of three rows (each with its
// link), a button, a link, a text field and the queue's live region. The
// second argument is a JSON array of steps, each a key pressed with focus
// on "body", "button", "a", "input", "row1" (the second row's link) or
// "keep" (where the last step left it); for each step it prints which
// row's link has the focus, which rows carry the class "selected", which
// row links are in the tab order, what the live region says, where the
// page navigated to (if anywhere) and whether the key's default action was
// prevented.
const shortcutHarness = `
"use strict";
const fs = require("fs");
const vm = require("vm");
const [script, steps] = process.argv.slice(2);

class El {
  constructor(tag, attrs) {
    this.tagName = tag; this.attrs = Object.assign({}, attrs || {}); this.classes = new Set();
    this.isContentEditable = false;
    const self = this;
    this.classList = {
      add: (c) => self.classes.add(c), remove: (c) => self.classes.delete(c),
      contains: (c) => self.classes.has(c),
    };
  }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  querySelector(sel) { return sel === "a[href]" ? (this.link || null) : null; }
  closest(sel) {
    for (let e = this; e; e = e.parent) if (sel === "[data-row-link]" && e.getAttribute("data-row-link") !== null) return e;
    return null;
  }
  setAttribute(n, v) { this.attrs[n] = String(v); }
  removeAttribute(n) { delete this.attrs[n]; }
  scrollIntoView() {}
  focus() { document.activeElement = this; }
  blur() { document.activeElement = body; }
  click() {}
}

const rows = [0, 1, 2].map((i) => {
  const row = new El("TR", { "data-row-link": "/console/moderation/cases/c" + i });
  row.link = new El("A", { href: "/console/moderation/cases/c" + i });
  row.link.parent = row;
  return row;
});
const body = new El("BODY");
const status = new El("P", { id: "queue-status" });
status.textContent = "";
const focusable = { body, button: new El("BUTTON"), a: new El("A", { href: "/console/glossaries" }), input: new El("INPUT"), row1: rows[1].link };
let listener = null;
let navigated = null;
globalThis.CSS = { escape: (s) => s };
globalThis.window = { location: { assign: (u) => { navigated = u; } } };
globalThis.document = {
  activeElement: body,
  addEventListener: (type, f) => { if (type === "keydown") listener = f; },
  getElementById: (id) => id === "queue-status" ? status : null,
  querySelectorAll: (sel) => sel === "[data-row-link]" ? rows : [],
  querySelector: (sel) => sel === "[data-row-link].selected" ? (rows.find((r) => r.classes.has("selected")) || null) : null,
};

vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
const out = [];
for (const step of JSON.parse(steps)) {
  if (step.focus !== "keep") document.activeElement = focusable[step.focus];
  const target = document.activeElement;
  navigated = null;
  const ev = { key: step.key, target, ctrlKey: false, metaKey: false, altKey: false, prevented: false,
    preventDefault() { this.prevented = true; } };
  listener(ev);
  out.push({
    focused: rows.findIndex((r) => document.activeElement === r.link),
    tabbable: rows.map((r, i) => r.link.getAttribute("tabindex") === "0" ? i : -1).filter((i) => i >= 0),
    status: status.textContent,
    selected: rows.map((r, i) => r.classes.has("selected") ? i : -1).filter((i) => i >= 0),
    navigated, prevented: ev.prevented,
  });
}
process.stdout.write(JSON.stringify(out));
`

type shortcutStep struct {
	Key   string `json:"key"`
	Focus string `json:"focus"`
}

type shortcutResult struct {
	Focused   int     `json:"focused"`
	Tabbable  []int   `json:"tabbable"`
	Status    string  `json:"status"`
	Selected  []int   `json:"selected"`
	Navigated *string `json:"navigated"`
	Prevented bool    `json:"prevented"`
}

// runShortcuts runs the console's script in Node through shortcutHarness.
func runShortcuts(t *testing.T, steps []shortcutStep) []shortcutResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	script, err := os.ReadFile(filepath.Join("static", "console.js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range map[string][]byte{"console.js": script, "harness.js": []byte(shortcutHarness)} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	arg, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(t.Context(), node, filepath.Join(dir, "harness.js"), filepath.Join(dir, "console.js"), string(arg)).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("node: %v\n%s", err, stderr)
	}
	var res []shortcutResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("harness output %q: %v", out, err)
	}
	if len(res) != len(steps) {
		t.Fatalf("harness ran %d steps, want %d", len(res), len(steps))
	}
	return res
}

// TestShortcutsSelectOneRow: j and k move the selection and the focus to
// the selected row's link (the only row link in the tab order), which
// assistive technology announces, and the live region says which case of
// how many it is; j and k keep working from the focused link.
func TestShortcutsSelectOneRow(t *testing.T) {
	res := runShortcuts(t, []shortcutStep{{"j", "body"}, {"j", "keep"}, {"j", "keep"}, {"k", "keep"}, {"k", "body"}})
	for i, want := range []int{0, 1, 2, 1, 0} {
		r := res[i]
		if r.Focused != want || !slices.Equal(r.Selected, []int{want}) || !slices.Equal(r.Tabbable, []int{want}) || !r.Prevented {
			t.Errorf("after step %d: focus on row %d, selected rows %v, tabbable %v (prevented %v); want only row %d", i+1, r.Focused, r.Selected, r.Tabbable, r.Prevented, want)
		}
		if want := fmt.Sprintf("Case %d of 3 selected", want+1); r.Status != want {
			t.Errorf("after step %d: live region %q, want %q", i+1, r.Status, want)
		}
	}
}

// TestShortcutsFromARowLink: a row link reached with Tab is where j, k
// and o start from; Enter there is left to the link.
func TestShortcutsFromARowLink(t *testing.T) {
	res := runShortcuts(t, []shortcutStep{{"j", "body"}, {"o", "row1"}, {"Enter", "row1"}, {"j", "row1"}})
	if r := res[1]; r.Navigated == nil || *r.Navigated != "/console/moderation/cases/c1" {
		t.Errorf("o on row 1's link navigated to %q, want c1", deref(r.Navigated))
	}
	if r := res[2]; r.Navigated != nil || r.Prevented {
		t.Errorf("Enter on a row link was taken (navigated to %q, prevented %v): it belongs to the link", deref(r.Navigated), r.Prevented)
	}
	if r := res[3]; r.Focused != 2 || !slices.Equal(r.Selected, []int{2}) {
		t.Errorf("j on row 1's link: focus on row %d, selected %v; want row 2", r.Focused, r.Selected)
	}
}

// TestShortcutsLeaveFocusedControls: Enter or o opens the row picked with
// j only when no button, link or field has the focus; on those the key is
// left to the element (not prevented, no navigation).
func TestShortcutsLeaveFocusedControls(t *testing.T) {
	cases := []struct {
		key, focus string
		opens      bool
	}{
		{"Enter", "body", true},
		{"o", "body", true},
		{"Enter", "button", false},
		{"Enter", "a", false},
		{"Enter", "input", false},
		{"o", "button", false},
		{"o", "a", false},
		{"j", "button", false},
	}
	for _, tc := range cases {
		t.Run(tc.key+" on "+tc.focus, func(t *testing.T) {
			res := runShortcuts(t, []shortcutStep{{"j", "body"}, {tc.key, tc.focus}})
			r := res[1]
			if tc.opens {
				if r.Navigated == nil || *r.Navigated != "/console/moderation/cases/c0" || !r.Prevented {
					t.Errorf("navigated to %q (prevented %v), want the selected case c0", deref(r.Navigated), r.Prevented)
				}
				return
			}
			if r.Navigated != nil || r.Prevented {
				t.Errorf("navigated to %q (prevented %v), want the key left to the focused %s", deref(r.Navigated), r.Prevented, tc.focus)
			}
			if !slices.Equal(r.Selected, []int{0}) {
				t.Errorf("selected rows %v, want the selection unchanged at row 0", r.Selected)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
