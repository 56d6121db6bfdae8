package suite_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// Keys of the browser test.
const (
	browserClientKey = "app-key-0123456789ab"
	browserModKey    = "mo-key-0123456789abc"
	browserL10nKey   = "lena-key-0123456789a"
)

// consoleChromium finds a Chromium (Debian's chromium; `make deps-browser`
// installs it).
func consoleChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// consoleArtifactDir is where screenshots go: $PARLEY_TEST_ARTIFACTS when set
// (CI keeps it), else the test's temporary directory.
func consoleArtifactDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("PARLEY_TEST_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// consoleTab is a headless Chromium tab that counts JavaScript exceptions
// and dialogs (an alert() from injected markup would open one).
type consoleTab struct {
	ctx        context.Context
	dialogs    atomic.Int32
	exceptions atomic.Int32
}

func newConsoleTab(t *testing.T, exe string) *consoleTab {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Headless,
		chromedp.Flag("disable-background-networking", true),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first Do starts the browser and binds it to ctx; the steps get
	// their own deadline (see run), so a slow step cannot close the browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", exe, err)
	}
	b := &consoleTab{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			b.dialogs.Add(1)
			// Listen's callback must not run commands; dismiss from a goroutine.
			go func() { _, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{}) }()
		case *cdpruntime.EventExceptionThrown:
			b.exceptions.Add(1)
			if e.ExceptionDetails != nil {
				t.Logf("javascript exception: %s", e.ExceptionDetails.Text)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run runs steps with a deadline and fails with the page's location and
// markup when one fails.
func (b *consoleTab) run(t *testing.T, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(b.ctx, chromedp.Location())
		html, _ := chromedp.Run(b.ctx, chromedp.OuterHTML(chromedp.CSS("body")))
		if len(html) > 4000 {
			html = html[:4000]
		}
		t.Fatalf("%s: %v (at %s)\n%s", step, err, loc, html)
	}
}

// tabRead runs one step that reads a value.
func tabRead[T any](t *testing.T, b *consoleTab, step string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return v
}

func (b *consoleTab) screenshot(t *testing.T, dir, name string) {
	t.Helper()
	png := tabRead(t, b, "screenshot", chromedp.FullScreenshot(100))
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

func (b *consoleTab) signIn(t *testing.T, gw, key string, landing chromedp.CSS) {
	t.Helper()
	b.run(t, "sign in",
		chromedp.Navigate(gw+"/console/login"),
		chromedp.WaitVisible(chromedp.ID("key")),
		chromedp.SendKeys(chromedp.ID("key"), key),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(landing),
	)
}

// consoleTranslate posts a translation request with a key.
func consoleTranslate(t *testing.T, gw, key, body string) api.View {
	t.Helper()
	req, _ := http.NewRequest("POST", gw+"/v1/translate", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v api.View
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil || res.StatusCode != 200 {
		t.Fatalf("translate: %d %v", res.StatusCode, err)
	}
	return v
}

// TestConsoleInBrowser drives the web console in headless Chromium against
// the whole suite (embedded NATS, every service, a fake Ollama that
// translates a clean message into a profane one): a moderator opens the
// flagged case with the keyboard and corrects it, and readers then get
// the correction; a localization user searches a glossary, edits an entry
// and sees the new version in the history.
func TestConsoleInBrowser(t *testing.T) {
	exe := consoleChromium()
	if exe == "" {
		t.Skip("chromium is not installed (make deps-browser installs it); skipping the browser test")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	const (
		text        = "you are such a nice person"
		translation = "eres una puta persona"
		correction  = "eres una persona muy amable"
	)
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(map[string]string{text: translation}),
	})
	vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{
		"PARLEY_API_KEYS": "app:client:" + browserClientKey + ",mo:moderator:" + browserModKey + ",lena:localization:" + browserL10nKey,
	})
	runSuite(t, vars)
	gw := "http://" + gwAddr
	artifacts := consoleArtifactDir(t)
	b := newConsoleTab(t, exe)

	t.Run("moderator corrects a flagged translation", func(t *testing.T) {
		body := fmt.Sprintf(`{"text":%q,"source":"en","target":"es","conversation_id":"room-7","message_id":"m-7"}`, text)
		v := consoleTranslate(t, gw, browserClientKey, body)
		if v.Text != translation || v.Safety == nil || v.Safety.Policy == nil || v.Safety.Policy.Action != api.PolicyFlag {
			t.Fatalf("the view is not a flagged translation: %q %+v", v.Text, v.Safety)
		}
		b.signIn(t, gw, browserModKey, "#queue")
		// The case is made asynchronously from the intake stream.
		waitFor(t, 30*time.Second, func() error {
			b.run(t, "open the queue", chromedp.Navigate(gw+"/console/moderation?locale=es"), chromedp.WaitVisible(chromedp.ID("queue")))
			if n := tabRead(t, b, "count cases", chromedp.Evaluate[int](`document.querySelectorAll("#queue [data-case]").length`)); n != 1 {
				return fmt.Errorf("%d cases in the queue", n)
			}
			return nil
		})
		// j selects the first case, o opens it (the shortcuts script runs
		// under the CSP), t focuses the correction box. j moves the focus
		// to the row's link, whose accessible name says which case it is,
		// and the live region says where in the queue it is: assistive
		// technology ignores a plain table row's aria-selected.
		b.run(t, "select the case with the keyboard", chromedp.KeyEvent("j"))
		focus := tabRead(t, b, "focus after j", chromedp.Evaluate[string](
			`(function () { var a = document.activeElement; var row = a && a.closest("[data-row-link]");
			  return row && a.tagName === "A" ? "row link: " + a.textContent : "on " + (a ? a.tagName : "nothing"); })()`))
		if !strings.HasPrefix(focus, "row link: open case, severity") || !strings.Contains(focus, "en to es: "+text) {
			t.Errorf("after j the focus is %q, want the first row's link named for its case", focus)
		}
		if live := tabRead(t, b, "live region", chromedp.Evaluate[string](`document.getElementById("queue-status").textContent`)); live != "Case 1 of 1 selected" {
			t.Errorf("live region after j: %q", live)
		}
		b.run(t, "open the case with the keyboard",
			chromedp.KeyEvent("o"),
			chromedp.WaitVisible(chromedp.ID("correction-text")),
		)
		if n := tabRead(t, b, "count marks", chromedp.Evaluate[int](`document.querySelectorAll(".message-text mark").length`)); n == 0 {
			t.Error("no offending span is highlighted")
		}
		dir := tabRead(t, b, "pane direction", chromedp.AttributeValue(chromedp.CSS(`section[aria-label="Translation"] .message-text`), "dir"))
		if dir.Value != "ltr" {
			t.Errorf("translation pane dir = %q", dir.Value)
		}
		b.run(t, "press t", chromedp.KeyEvent("t"))
		if id := tabRead(t, b, "focus", chromedp.Evaluate[string](`document.activeElement.id`)); id != "correction-text" {
			t.Errorf("t focused %q", id)
		}
		// A note with markup stays text: no image element, no dialog.
		const xss = `<img src=x onerror=alert(1)>`
		b.run(t, "add a note with markup",
			chromedp.SetValue(chromedp.ID("note-text"), xss),
			chromedp.Click(chromedp.ID("add-note")),
			chromedp.WaitVisible(chromedp.CSS(".notes")),
		)
		imgs := tabRead(t, b, "count images", chromedp.Evaluate[int](`document.querySelectorAll("main img").length`))
		note := tabRead(t, b, "note text", chromedp.Text(chromedp.CSS(".notes li span")))
		if imgs != 0 || note != xss {
			t.Errorf("the note rendered as markup: %d images, text %q", imgs, note)
		}
		// Enter in the reason box submits the decision form with its
		// default button, which decides nothing: the case stays open.
		b.run(t, "press Enter in the reason",
			chromedp.SendKeys(chromedp.ID("reason"), "looks fine\r"),
			chromedp.Sleep(500*time.Millisecond),
			chromedp.Reload(),
			chromedp.WaitVisible(chromedp.ID("case-status")),
		)
		if st := tabRead(t, b, "status", chromedp.Text(chromedp.ID("case-status"))); st != api.CaseOpen {
			t.Fatalf("Enter in the reason field made the case %q", st)
		}
		b.run(t, "correct the translation",
			chromedp.SetValue(chromedp.ID("correction-text"), correction),
			chromedp.Click(chromedp.ID("correct")),
			chromedp.WaitVisible(chromedp.ID("correction")),
		)
		shown := tabRead(t, b, "correction", chromedp.Text(chromedp.ID("correction")))
		flash := tabRead(t, b, "flash", chromedp.Text(chromedp.CSS(".flash")))
		if shown != correction || !strings.Contains(flash, "corrected") {
			t.Fatalf("after correcting: %q, flash %q", shown, flash)
		}
		b.screenshot(t, artifacts, "console-moderation-case.png")
		if n := b.dialogs.Load(); n != 0 {
			t.Errorf("%d JavaScript dialogs opened", n)
		}

		// Readers get the correction for that message and locale.
		v = consoleTranslate(t, gw, browserClientKey, body)
		if v.Text != correction {
			t.Fatalf("reader view after the correction: %q (cache %q)", v.Text, v.Cache)
		}

		// The decided case offers Reopen; reopened, it is decided again
		// with the a key.
		b.run(t, "reopen the case",
			chromedp.Click(chromedp.ID("reopen")),
			chromedp.WaitVisible(chromedp.ID("approve")),
		)
		if flash := tabRead(t, b, "flash", chromedp.Text(chromedp.CSS(".flash"))); !strings.HasPrefix(flash, "Reopened") {
			t.Fatalf("after reopening: flash %q", flash)
		}
		b.run(t, "approve with a", chromedp.KeyEvent("a"), chromedp.WaitVisible(chromedp.ID("reopen")))
		st := tabRead(t, b, "status", chromedp.Text(chromedp.ID("case-status")))
		decision := tabRead(t, b, "decision", chromedp.Text(chromedp.ID("decision")))
		if st != api.CaseDecided || !strings.HasPrefix(decision, "approve by mo") {
			t.Fatalf("after a: %q, %q", st, decision)
		}
	})

	t.Run("localization edits a glossary entry", func(t *testing.T) {
		const newTerm = "código de conducta comunitario"
		search := chromedp.CSS(`input[name="q"]`)
		b.signIn(t, gw, browserL10nKey, search)
		b.run(t, "find the glossary",
			chromedp.SetValue(search, "moderation"),
			chromedp.Submit(search),
			chromedp.WaitVisible(chromedp.CSS(`a[href="/console/glossaries/moderation"]`)),
			chromedp.Click(chromedp.CSS(`a[href="/console/glossaries/moderation"]`)),
			chromedp.WaitVisible(chromedp.ID("glossary-version")),
		)
		before := tabRead(t, b, "version", chromedp.Text(chromedp.ID("glossary-version")))
		b.run(t, "find the entry",
			chromedp.SetValue(search, "conduct"),
			chromedp.Submit(search),
			chromedp.WaitVisible(chromedp.CSS(`table.entries tbody a`)),
			chromedp.Click(chromedp.CSS(`table.entries tbody a`)),
			chromedp.WaitVisible(chromedp.ID("save-entry")),
		)
		b.run(t, "edit the Spanish term",
			chromedp.SetValue(chromedp.CSS(`input[data-lang="es"]`), newTerm),
			chromedp.SetValue(chromedp.CSS(`input[name="message"]`), "browser test"),
			chromedp.Click(chromedp.ID("save-entry")),
			chromedp.WaitVisible(chromedp.CSS(".flash")),
		)
		flash := tabRead(t, b, "flash", chromedp.Text(chromedp.CSS(".flash")))
		var n, m int
		_, _ = fmt.Sscan(before, &n)
		_, _ = fmt.Sscanf(flash, "Saved as version %d.", &m)
		if n == 0 || m != n+1 {
			t.Fatalf("version %q before, flash %q after", before, flash)
		}
		b.run(t, "open the versions",
			chromedp.Navigate(gw+"/console/glossaries/moderation/versions"),
			chromedp.WaitVisible(chromedp.CSS("table.versions")),
		)
		newest := tabRead(t, b, "newest version", chromedp.Text(chromedp.CSS("table.versions tbody tr")))
		if !strings.Contains(newest, "lena") || !strings.Contains(newest, "browser test") || !strings.HasPrefix(strings.TrimSpace(newest), fmt.Sprint(m)) {
			t.Errorf("newest version row: %q", newest)
		}
		b.run(t, "open its diff",
			chromedp.Click(chromedp.CSS("table.versions tbody tr a")),
			chromedp.WaitVisible(chromedp.ID("diff-changed")),
		)
		if diff := tabRead(t, b, "diff", chromedp.Text(chromedp.ID("diff-changed"))); !strings.Contains(diff, newTerm) {
			t.Errorf("diff: %q", diff)
		}
		b.screenshot(t, artifacts, "console-glossary-diff.png")
		b.run(t, "reopen the glossary",
			chromedp.Navigate(gw+"/console/glossaries/moderation"),
			chromedp.WaitVisible(chromedp.ID("glossary-version")),
		)
		if after := tabRead(t, b, "version", chromedp.Text(chromedp.ID("glossary-version"))); after != fmt.Sprint(m) {
			t.Errorf("glossary version %q after the edit, want %d", after, m)
		}
	})
	if n := b.exceptions.Load(); n != 0 {
		t.Errorf("%d JavaScript exceptions", n)
	}
}
