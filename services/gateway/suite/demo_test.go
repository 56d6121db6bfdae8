package suite_test

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/services/translate/backend"
)

// TestDemoChatInChromium drives the demo chat page in headless Chromium
// against the whole suite (fake Ollama behind it): Ana types in English,
// and Beto's Spanish pane shows the Spanish view, live over SSE, with its
// label in Spanish. Chloé's French pane gets Apertium's translation through
// Spanish (the fake model's answer is Spanish, which quality rejects for a
// French reader, and no Debian package translates English to French
// directly), when Apertium is installed.
func TestDemoChatInChromium(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("chromium is not installed (make deps-browser installs it)")
	}
	e := startSuite(t, map[string]string{hello: "Hola, ¿cómo estás?"})

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Headless,
		chromedp.Flag("disable-background-networking", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	// The first action starts the browser, which lives as long as the
	// context of that call: no timeout on it.
	conv := fmt.Sprintf("demo%d", time.Now().UnixNano())
	if err := chromedp.Do(bctx, chromedp.Navigate(e.gateway+"/?c="+conv)); err != nil {
		t.Fatalf("open the demo page: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()
	// Every pane has loaded its page and opened its event stream.
	waitForJS(t, ctx, `Array.from(document.querySelectorAll(".pane .status")).every(s => s.textContent.startsWith("live"))`)

	ana := `section[data-user="Ana"]`
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(ana+" input.text"), hello),
		chromedp.Click(chromedp.CSS(ana+` button[type="submit"]`)),
	); err != nil {
		t.Fatalf("type in Ana's pane: %v", err)
	}
	beto := `section[data-user="Beto"] .messages li`
	waitForJS(t, ctx, `(() => { const li = document.querySelector('`+beto+`'); return !!li && li.querySelector(".text").textContent === "Hola, ¿cómo estás?"; })()`)
	label, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(beto+" .label")))
	if err != nil {
		t.Fatal(err)
	}
	anaText, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(ana+" .messages li .text")))
	if err != nil {
		t.Fatal(err)
	}
	if label != "Traducido de inglés" {
		t.Errorf("Spanish pane label %q", label)
	}
	// The translated text carries the reader's language, the author is
	// isolated, and the compose box has a name, not just a placeholder.
	if a11y, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const li = document.querySelector('`+beto+`');
		return li.querySelector(".text").lang + "|" + li.querySelector(".author").dir + "|" +
			document.querySelector('`+ana+` input.text').getAttribute("aria-label"); })()`)); err != nil || a11y != "es|auto|Message" {
		t.Errorf("lang|author dir|compose name = %q (%v), want es|auto|Message", a11y, err)
	}
	if anaText != hello {
		t.Errorf("Ana's own pane shows %q", anaText)
	}
	if want, ok := apertiumTranslation(t, hello, "en", "fr"); ok {
		chloe := `section[data-user="Chloé"] .messages li`
		waitForJS(t, ctx, `(() => { const li = document.querySelector('`+chloe+`'); return !!li && li.querySelector(".text").textContent === `+"`"+want+"`"+`; })()`)
		if label, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(chloe+" .label"))); err != nil || label != "Traduit (original : anglais)" {
			t.Errorf("French pane label %q (%v)", label, err)
		}
	}

	// Markup typed by a user is shown as text, never parsed.
	attack := `<img src=x onerror="window.pwned=1">`
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(ana+" input.text"), attack),
		chromedp.Click(chromedp.CSS(ana+` button[type="submit"]`)),
	); err != nil {
		t.Fatalf("type in Ana's pane: %v", err)
	}
	waitForJS(t, ctx, `Array.from(document.querySelectorAll('`+ana+` .messages li .text')).some(e => e.textContent === `+"`"+attack+"`"+`)`)
	waitForJS(t, ctx, `document.querySelectorAll('`+beto+`').length === 2`)
	if injected, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector(".messages img") || window.pwned === 1`)); err != nil || injected {
		t.Fatalf("typed markup was parsed as HTML (err %v)", err)
	}
}

// apertiumTranslation is what the installed Apertium engine makes of text,
// through a pivot language where no mode serves the pair; false (logged)
// when Apertium cannot translate it here.
func apertiumTranslation(t *testing.T, text, source, target string) (string, bool) {
	t.Helper()
	if !apertium.Available() {
		t.Log("Apertium is not installed: the French pane is not checked")
		return "", false
	}
	e, err := apertium.New(apertium.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if !e.Supports(source, target) {
		t.Logf("Apertium does not translate %s to %s here: the French pane is not checked", source, target)
		return "", false
	}
	res, err := e.Translate(t.Context(), backend.Request{Text: text, Source: source, Target: target})
	if err != nil {
		t.Fatal(err)
	}
	return res.Text, true
}

// waitForJS polls a JavaScript condition in the page until it holds.
func waitForJS(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err != nil {
			t.Fatalf("evaluate %s: %v", cond, err)
		}
		if ok {
			return
		}
		select {
		case <-ctx.Done():
			html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.querySelector("main").outerHTML`))
			t.Fatalf("condition never held: %s\n%s", cond, strings.TrimSpace(html))
		case <-time.After(100 * time.Millisecond):
		}
	}
}
