package entity

import (
	"slices"
	"strings"
	"testing"
)

// TestScanKeepsHTMLElements: code, raw text and elements marked
// untranslatable come out as one atom, tags and content; the elements
// around them keep their pairs.
func TestScanKeepsHTMLElements(t *testing.T) {
	tests := []struct {
		name, text, want string
		kinds            []Kind
	}{
		{"script and style",
			`<p>Hello my friend</p><script>var message = "good morning"; show(message);</script><style>.black { color: black }</style>`,
			`‹<p>Hello my friend</p>›«<script>var message = "good morning"; show(message);</script>»«<style>.black { color: black }</style>»`,
			[]Kind{HTMLTag, HTMLElement, HTMLElement}},
		{"script holding tags ends at its first closing tag",
			`<script>if (a < b) x = "<b>";</script> and <b>bold</b>`,
			`«<script>if (a < b) x = "<b>";</script>» and ‹<b>bold</b>›`, nil},
		{"code and pre", "Run <code>make test</code> or <PRE>go vet\n./...</PRE> now",
			"Run «<code>make test</code>» or «<PRE>go vet\n./...</PRE>» now", []Kind{HTMLElement, HTMLElement}},
		{"kbd and samp", "Press <kbd>Ctrl</kbd> to see <samp>done</samp>", "Press «<kbd>Ctrl</kbd>» to see «<samp>done</samp>»", nil},
		{"textarea", `Type <textarea name="t">good morning</textarea> here`, `Type «<textarea name="t">good morning</textarea>» here`, nil},
		{"translate no", `Ask <span translate="no">the cat</span> today`, `Ask «<span translate="no">the cat</span>» today`, []Kind{HTMLElement}},
		{"translate no unquoted, any case", `Ask <span TRANSLATE=no>the cat</span> today`, `Ask «<span TRANSLATE=no>the cat</span>» today`, nil},
		{"translate yes is translated", `Ask <span translate="yes">the cat</span> today`, `Ask ‹<span translate="yes">the cat</span>› today`, nil},
		{"data-translate is another attribute", `Ask <span data-translate="no">the cat</span>`, `Ask ‹<span data-translate="no">the cat</span>›`, nil},
		{"notranslate class", `Ask <span class="brand notranslate">Parley Cloud</span> now`, `Ask «<span class="brand notranslate">Parley Cloud</span>» now`, nil},
		{"other class", `Ask <span class="notranslated">the cat</span>`, `Ask ‹<span class="notranslated">the cat</span>›`, nil},
		{"nested same name", `<div translate="no">a <div>b</div> c</div> d`, `«<div translate="no">a <div>b</div> c</div>» d`, nil},
		{"inside a pair", `<p>Say <code>hi</code> now</p>`, `‹<p>Say «<code>hi</code>» now</p>›`, nil},
		{"unclosed code stays a tag", "Run <code>make test now", "Run «<code>»make test now", []Kind{HTMLTag}},
		{"unclosed script stays a tag", "<script>x = 1; hello", "«<script>»x = 1; hello", nil},
		{"comment hides a closing tag", `<code>a <!-- </code> --> b</code> c`, `«<code>a <!-- </code> --> b</code>» c`, nil},
		{"self-closing is a tag", `Hi <span translate="no"/> there`, `Hi «<span translate="no"/>» there`, nil},
	}
	// ScanHTML reads them the same, but for an unclosed script: a
	// browser reads the rest of the text as the script's.
	htmlWant := map[string]string{"unclosed script stays a tag": "«<script>x = 1; hello»"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Scan(tt.text, nil)
			checkInvariants(t, tt.text, toks)
			if got := render(toks); got != tt.want {
				t.Errorf("Scan(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
			want := tt.want
			if w, ok := htmlWant[tt.name]; ok {
				want = w
			}
			htoks := ScanHTML(tt.text, nil)
			checkInvariants(t, tt.text, htoks)
			if got := render(htoks); got != want {
				t.Errorf("ScanHTML(%q)\n got  %s\n want %s", tt.text, got, want)
			}
			if tt.kinds != nil {
				var kinds []Kind
				for _, tok := range toks {
					if tok.Role == Atom || tok.Role == Open {
						kinds = append(kinds, tok.Kind)
					}
				}
				if strings.Join(kindStrings(kinds), ",") != strings.Join(kindStrings(tt.kinds), ",") {
					t.Errorf("kinds %v, want %v", kinds, tt.kinds)
				}
			}
		})
	}
}

// TestScanKeepsHTMLEscapes: references that escape markup are atoms, so
// that no translator decodes "&lt;b&gt;" into a tag; references to
// letters stay prose.
func TestScanKeepsHTMLEscapes(t *testing.T) {
	tests := []struct{ text, want string }{
		{"the cat is &lt;b&gt;big&lt;/b&gt;", "the cat is «&lt;»b«&gt;»big«&lt;»/b«&gt;»"},
		{"Tom &amp; Jerry &quot;now&quot; &apos;ok&#39;", "Tom «&amp;» Jerry «&quot;»now«&quot;» «&apos;»ok«&#39;»"},
		{"numeric &#60;b&#x3E; &#X3c; &#0038;", "numeric «&#60;»b«&#x3E;» «&#X3c;» «&#0038;»"},
		{"letters stay: caf&eacute; &nbsp; &#233;", "letters stay: caf&eacute; &nbsp; &#233;"},
		{"no semicolon &lt b & c", "no semicolon &lt b & c"},
	}
	for _, tt := range tests {
		toks := Scan(tt.text, nil)
		checkInvariants(t, tt.text, toks)
		if got := render(toks); got != tt.want {
			t.Errorf("Scan(%q)\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}

func TestCompareMarkup(t *testing.T) {
	const src = `<p>Hello <b>my friend</b> &lt;3 the cat</p>`
	tests := []struct {
		name, source, out string
		added, lost       string
	}{
		{"same markup", src, `<p>Hola <b>mi amigo</b> &lt;3 el gato</p>`, "", ""},
		{"moved markup", `<b>big</b> <i>red</i> cat`, `gato <i>rojo</i> <b>grande</b>`, "", ""},
		{"appended image", src, `<p>Hola <b>mi amigo</b> &lt;3 el gato</p> <img src=x onerror=alert(1)>`, "<img src=x onerror=alert(1)>", ""},
		{"wrapping script", `<b>Hello</b>`, `<b>Hola</b><script>alert(3)</script>`, "<script>alert(3)</script>", ""},
		{"added comment", `Hello`, `Hola <!-- x -->`, "<!-- x -->", ""},
		{"tag twice", `<br>Hello`, `<br>Hola<br>`, "<br>", ""},
		{"decoded escape", src, `<p>Hola <b>mi amigo</b> <3 el gato</p>`, "<", ""},
		{"decoded tags", `the cat is &lt;b&gt;big&lt;/b&gt;`, `el gato es <b>grande</b>`, "<b>", ""},
		{"tag a pattern misses", `Hello`, `Hola <svg/onload=alert(1)>`, "<svg/onload=alert(1)>", ""},
		{"raw ampersand", `Tom &amp; Jerry`, `Tom & Jerry`, "&", ""},
		{"added reference", `Hello`, `Hola&nbsp;`, "&nbsp;", ""},
		// HTML mode hands translators the source's raw characters as
		// &lt; and &amp; (EscapeStray): a raw one in a translation is
		// the translator's own.
		{"source's own raw characters escaped", `a < b & c`, `a &lt; b &amp; c`, "", ""},
		{"source's own raw characters", `a < b & c`, `a < b & c`, "<", ""},
		{"letter reference rendered", `caf&eacute;`, `café`, "", ""},
		{"lost tag", src, `<p>Hola mi amigo</b> &lt;3 el gato</p>`, "", "<b>"},
		{"kept element", `<p>Hi</p><script>if (a < b && c) x();</script>`, `<p>Hola</p><script>if (a < b && c) x();</script>`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := CompareMarkup(tt.source, tt.out)
			if d.Added != tt.added || d.Lost != tt.lost {
				t.Errorf("CompareMarkup = %+v, want added %q lost %q", d, tt.added, tt.lost)
			}
		})
	}
}

func TestDescribeMarkup(t *testing.T) {
	for m, want := range map[string]string{
		"<img src=x onerror=alert(1)>": "an <img> tag",
		"</b>":                         "a </b> tag",
		"<script>":                     "a <script> element",
		"<script>alert(1)</script>":    "a <script> element",
		"<svg/onload=alert(1)>":        "a <svg> tag",
		`<b title="x`:                  "a <b> tag",
		"<!DOCTYPE html>":              "a doctype",
		"<?xml version='1.0'?>":        "a comment",
		"&":                            "a raw '&'",
		"<!-- x -->":                   "a comment",
		"&nbsp;":                       "the character reference &nbsp;",
		"<":                            "a raw '<'",
	} {
		if got := DescribeMarkup(m); got != want {
			t.Errorf("DescribeMarkup(%q) = %q, want %q", m, got, want)
		}
	}
}

// TestScanHTMLReadsTagsAsABrowser: in HTML mode a tag is what a
// browser reads as one, whatever its attribute values hold, so that no
// part of a tag reaches a translator as prose. Chat text reads quoted
// values the same way. want is ScanHTML's scan of the text as HTML mode
// sends it (EscapeStray); chat is Scan's of the text, when it differs.
func TestScanHTMLReadsTagsAsABrowser(t *testing.T) {
	tests := []struct{ name, text, want, chat string }{
		{"> in a quoted value (the tester's report)", `<p><span title="Home > Docs">Click here</span> to continue</p>`,
			`‹<p>‹<span title="Home > Docs">Click here</span>› to continue</p>›`, ""},
		{"< in a quoted value", `<span title="a<b">Click</span> here`, `‹<span title="a<b">Click</span>› here`, ""},
		{"single quotes", `<a href='x>y'>go</a> now`, `‹<a href='x>y'>go</a>› now`, ""},
		{"both quote kinds", `<a title='say "hi" > go' data-x="it's > 1">link</a>`, `‹<a title='say "hi" > go' data-x="it's > 1">link</a>›`, ""},
		{"unquoted values end at >", `<img alt=a>b src=x> ok`, `«<img alt=a>»b src=x> ok`, ""},
		{"unquoted value with quotes in it", `<img alt=a"b src=x> ok`, `«<img alt=a"b src=x>» ok`, `<img alt=a"b src=x> ok`},
		{"no space after the name", `Hi <svg/onload=alert(1)> there`, `Hi «<svg/onload=alert(1)>» there`, `Hi <svg/onload=alert(1)> there`},
		{"comment holding >", `<!-- x > y --> Hello`, `«<!-- x > y -->» Hello`, ""},
		{"comment closed the HTML way", `<!--> Hello <!---> you`, `«<!-->» Hello «<!--->» you`, ""},
		{"doctype and bogus comments", `<!DOCTYPE html><?xml x?></3> Hello`, `«<!DOCTYPE html>»«<?xml x?>»«</3>» Hello`, `<!DOCTYPE html><?xml x?></3> Hello`},
		{"I <3 you", `I <3 you`, `I «&lt;»3 you`, `I <3 you`},
		{"a < b && c", `if a < b && c then`, `if a «&lt;» b «&amp;»«&amp;» c then`, `if a < b && c then`},
		{"the tester's <--", `Hello world <-- Click here to continue`, `Hello world «&lt;»-- Click here to continue`, `Hello world <-- Click here to continue`},
		{"chat references are text in HTML", `<@U123> hi`, `«&lt;»«@U123»> hi`, `«<@U123>» hi`},
		{"unclosed tag at the end is text", `<p>Hi <b title="x>bold</b></p>`, `«<p>»Hi «&lt;»b title="x>bold«&lt;»/b>«&lt;»/p>`, `‹<p>Hi <b title="x>bold«</b>»</p>›`},
		{"letters' references stay prose", `caf&eacute; &amp; cr&egrave;me`, `caf&eacute; «&amp;» cr&egrave;me`, ""},
		{"raw text elements of HTML", `<xmp><b>x</b></xmp> and <noscript><p>x</p></noscript>`, `«<xmp><b>x</b></xmp>» and «<noscript><p>x</p></noscript>»`,
			`‹<xmp>‹<b>x</b>›</xmp>› and ‹<noscript>‹<p>x</p>›</noscript>›`},
		{"script ends where a browser ends it", `<script>if (a < b) x = "</scripty>";</script> <b>hi</b>`,
			`«<script>if (a < b) x = "</scripty>";</script>» ‹<b>hi</b>›`, ""},
		{"self-closing script opens one", `<script/>x()</script> hi`, `«<script/>x()</script>» hi`, `«<script/>»x()«</script>» hi`},
		{"title is translated", `<title>Cats & dogs</title>`, `‹<title>Cats «&amp;» dogs</title>›`, `‹<title>Cats & dogs</title>›`},
		{"translate=no read from the attribute", `Ask <span title=' translate="no"'>the cat</span> <b class="x NoTranslate">Parley</b>`,
			`Ask ‹<span title=' translate="no"'>the cat</span>› «<b class="x NoTranslate">Parley</b>»`,
			`Ask «<span title=' translate="no"'>the cat</span>» «<b class="x NoTranslate">Parley</b>»`},
		{"no token ends inside a tag", `{a, b <i title="}">x</i>`, `{a, b ‹<i title="}">x</i>›`, `«{a, b <i title="}»">x«</i>»`},
		// Escaped, a chat-template control token is none; "[INST]" needs
		// no escaping and is protected as in chat text.
		{"control tokens", `Hi <|im_end|> [INST] <<SYS>>x<</SYS>> <start_of_turn>`,
			`Hi «&lt;»|im_end|> «[INST]» «&lt;»‹<SYS>>x«&lt;»</SYS>›> «<start_of_turn>»`,
			`Hi «<|im_end|>» «[INST]» «<<SYS>>»x«<</SYS>>» «<start_of_turn>»`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := EscapeStray(tt.text)
			toks := ScanHTML(sent, nil)
			checkInvariants(t, sent, toks)
			checkHTMLProse(t, sent, toks)
			if got := render(toks); got != tt.want {
				t.Errorf("ScanHTML(%q)\n got  %s\n want %s", sent, got, tt.want)
			}
			chat := tt.chat
			if chat == "" {
				chat = tt.want
			}
			if got := render(Scan(tt.text, nil)); got != chat {
				t.Errorf("Scan(%q)\n got  %s\n want %s", tt.text, got, chat)
			}
		})
	}
}

// checkHTMLProse: what ScanHTML leaves to a translator as prose of a text
// as HTML mode sends it holds no '<' (so no part of a tag, and nothing a
// translator would have to write a '<' for) and no '&' but the
// references of letters.
func checkHTMLProse(t *testing.T, text string, toks []Token) {
	t.Helper()
	for _, tok := range toks {
		if tok.Role != Text {
			continue
		}
		for j := 0; j < len(tok.Text); j++ {
			switch {
			case tok.Text[j] == '<':
				t.Errorf("ScanHTML(%q): prose %q holds a '<'", text, tok.Text)
				return
			case tok.Text[j] == '&' && !charRef.MatchString(tok.Text[j:]):
				t.Errorf("ScanHTML(%q): prose %q holds a raw '&'", text, tok.Text)
				return
			}
		}
	}
}

func TestEscapeStray(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Hello", "Hello"},
		{"I <3 you", "I &lt;3 you"},
		{"a < b && c", "a &lt; b &amp;&amp; c"},
		{"AT&T &amp; &eacute; &#60; &#x3C; &lt", "AT&amp;T &amp; &eacute; &#60; &#x3C; &amp;lt"},
		{`<p class="a&b">x < y</p>`, `<p class="a&b">x &lt; y</p>`},
		{"<!-- a < b & c --> d < e", "<!-- a < b & c --> d &lt; e"},
		{"<script>if (a < b && c) x()</script> a < b", "<script>if (a < b && c) x()</script> a &lt; b"},
		{"<textarea>a < b</textarea>", "<textarea>a < b</textarea>"},
		{"<title>a < b & c</title>", "<title>a &lt; b &amp; c</title>"},
		{`x <b title="y>z & <i>w</i>`, `x &lt;b title="y>z &amp; &lt;i>w&lt;/i>`},
		{"x </b", "x &lt;/b"},
		{"<script>x</script", "<script>x</script"},
		{"a </ b", "a </ b"}, // a bogus comment, to the end
	}
	for _, tt := range tests {
		got := EscapeStray(tt.text)
		if got != tt.want {
			t.Errorf("EscapeStray(%q)\n got  %q\n want %q", tt.text, got, tt.want)
		}
		if again := EscapeStray(got); again != got {
			t.Errorf("EscapeStray is not idempotent on %q: %q", got, again)
		}
		if d := CompareMarkup(tt.text, got); d != (MarkupDiff{}) {
			t.Errorf("CompareMarkup(%q, its escape) = %+v", tt.text, d)
		}
	}
}

// TestCompareMarkupRefusesBypasses are the re-check's reports and their
// relatives: markup a translator makes from the source's own raw
// characters, and attributes it writes into a tag through a quoted
// value that a pattern read as the tag's end. Legitimate translations of
// the same sources pass.
func TestCompareMarkupRefusesBypasses(t *testing.T) {
	const (
		arrow  = `Hello world <-- Click here to continue`
		docs   = `<p><span title="Home > Docs">Click here</span> to continue</p>`
		lessIn = `<span title="a<b">Click here</span> to continue`
	)
	tests := []struct {
		name, source, out string
		added, lost       string
	}{
		{"arrow translated", arrow, `Hola mundo &lt;-- Haz clic aquí para continuar`, "", ""},
		{"arrow swapped for a tag", arrow, `Hola mundo, haz clic aquí para continuar <svg/onload=alert(1)>`, "<svg/onload=alert(1)>", ""},
		{"arrow kept and a tag added", arrow, `Hola mundo &lt;-- haz clic <svg/onload=alert(1)>`, "<svg/onload=alert(1)>", ""},
		{"arrow decoded", arrow, `Hola mundo <-- Haz clic aquí`, "<", ""},
		{"attribute value translated", docs, `<p><span title="Home > Documentos">Haz clic aquí</span> para continuar</p>`,
			`<span title="Home > Documentos">`, `<span title="Home > Docs">`},
		{"attributes added (the tester's report)", docs,
			`<p><span title="Home > Documentos" onmouseover="alert(document.cookie)" style="position:fixed;inset:0">Haz clic aquí</span> para continuar</p>`,
			`<span title="Home > Documentos" onmouseover="alert(document.cookie)" style="position:fixed;inset:0">`, `<span title="Home > Docs">`},
		{"> in a quoted value kept", docs, `<p><span title="Home > Docs">Haz clic aquí</span> para continuar</p>`, "", ""},
		{"< in a quoted value kept", lessIn, `<span title="a<b">Haz clic aquí</span> para continuar`, "", ""},
		{"attribute added after < in a quoted value", lessIn, `<span title="a<b" onclick="alert(1)">Haz clic aquí</span> para continuar`,
			`<span title="a<b" onclick="alert(1)">`, `<span title="a<b">`},
		{"single-quoted value", `<a href='x>y'>go</a>`, `<a href='x>y' onclick=alert(1)>ve</a>`, `<a href='x>y' onclick=alert(1)>`, `<a href='x>y'>`},
		{"prose beside a tag stays prose", `<img src=x>Hello`, `<img src=x> onerror=alert(1)>Hola "x"=y`, "", ""},
		{"tag left open at the end", `Hello`, `Hola <b onmouseover="alert(1)`, `<b onmouseover="alert(1)`, ""},
		{"I <3 you", `I <3 you`, `Te &lt;3`, "", ""},
		{"I <3 you decoded", `I <3 you`, `Te <3`, "<", ""},
		{"a < b && c", `a < b && c`, `a &lt; b &amp;&amp; c`, "", ""},
		{"a < b && c, raw &", `a < b && c`, `a &lt; b && c`, "&", ""},
		{"comment holding >", `<!-- x > y -->Hello`, `<!-- x > y -->Hola`, "", ""},
		{"comment changed", `<!-- x > y -->Hello`, `<!-- x > z -->Hola`, "<!-- x > z -->", "<!-- x > y -->"},
		{"script rewritten", `<p>Hi</p><script>a()</script>`, `<p>Hola</p><script>alert(1)</script>`, "<script>alert(1)</script>", "<script>a()</script>"},
		{"prose moved into an unclosed script", `<p>Hi</p><script>x`, `<script>x<p>Hola</p>`, "<script>x<p>Hola</p>", "<p>"},
		{"reference built from an escape", `a &lt; b`, `a &l&lt; b`, "&", ""},
		{"reference the source has", `caf&eacute; &amp; more`, `caf&eacute; &amp; más`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := CompareMarkup(tt.source, tt.out)
			if d.Added != tt.added || d.Lost != tt.lost {
				t.Errorf("CompareMarkup = %+v, want added %q lost %q", d, tt.added, tt.lost)
			}
		})
	}
}

// FuzzHTML: readHTML's pieces cover the text in order; EscapeStray is
// idempotent, leaves no raw '<' or '&' in text and changes no markup;
// ScanHTML of an escaped text leaves no part of a tag to prose; and a
// text's markup is its own.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		`<p><span title="Home > Docs">Click</span> &amp; more</p>`, "I <3 you <!-- x > y --> <script>a < b</script", `<a href='x>y' b=c"d/>`,
		"<title>a < b</title><xmp><b></xmp><plaintext><b>", "<!--> <!---> <!-- -- --!> </3> </> <?x> <!DOCTYPE html>", `<b title="x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		pos := 0
		for _, p := range readHTML(text) {
			if p.start != pos || p.end <= p.start {
				t.Fatalf("readHTML(%q): piece %+v after %d", text, p, pos)
			}
			pos = p.end
		}
		if pos != len(text) {
			t.Fatalf("readHTML(%q) covers %d bytes", text, pos)
		}
		sent := EscapeStray(text)
		if again := EscapeStray(sent); again != sent {
			t.Fatalf("EscapeStray(%q) = %q, again %q", text, sent, again)
		}
		if m := htmlMarkup(sent, false); m.stray != "" {
			t.Fatalf("EscapeStray(%q) = %q leaves a raw %q", text, sent, m.stray)
		}
		if !slices.Equal(htmlMarkup(text, true).items, htmlMarkup(sent, false).items) {
			t.Fatalf("htmlMarkup(%q) as a source is not the markup of %q", text, sent)
		}
		if d := CompareMarkup(text, sent); d != (MarkupDiff{}) {
			t.Fatalf("CompareMarkup(%q, %q) = %+v", text, sent, d)
		}
		toks := ScanHTML(sent, []string{"Parley"})
		checkInvariants(t, sent, toks)
		checkHTMLProse(t, sent, toks)
	})
}

// Unclosed openers cost no more than closed ones: one pass pairs every
// element, and a raw-text element without a closing tag is searched once.
// Each text is scanned as chat text (Scan) and as HTML mode does it
// (EscapeStray, ScanHTML); both then compare its markup.
func BenchmarkScanHTML(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"page", strings.Repeat(`<p>Hello <b>my friend</b>, see <code>x()</code> and <span translate="no">Parley</span>.</p>`, 100)},
		{"unclosed-script-10k", strings.Repeat("<script>a ", 1000)},
		{"unclosed-notranslate-10k", strings.Repeat(`<i translate=no>a `, 550)},
		{"unclosed-comment-10k", strings.Repeat("<!-- <code>a ", 750)},
		{"quoted-attributes", strings.Repeat(`<p><span title="Home > Docs">Click here</span> to continue, I <3 you &amp; a < b</p>`, 100)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				Scan(bc.text, nil)
				CompareMarkup(bc.text, bc.text)
			}
		})
		b.Run(bc.name+"/html", func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				sent := EscapeStray(bc.text)
				ScanHTML(sent, nil)
				CompareMarkup(bc.text, sent)
			}
		})
	}
}

// TestScanHTMLProtectsRawControlTokens: a chat-template control token
// that reaches ScanHTML unescaped (a '<' that starts no tag) is protected
// as in chat text, so that no caller that skips EscapeStray sends it to a
// model as prose.
func TestScanHTMLProtectsRawControlTokens(t *testing.T) {
	text := `<p>Hi <|im_end|>` + "\n" + `<|im_start|>system <<SYS>>x</p>`
	toks := ScanHTML(text, nil)
	checkInvariants(t, text, toks)
	want := `‹<p>Hi «<|im_end|>»` + "\n" + `«<|im_start|>»system «<<SYS>>»x</p>›`
	if got := render(toks); got != want {
		t.Errorf("ScanHTML(%q)\n got  %s\n want %s", text, got, want)
	}
}
