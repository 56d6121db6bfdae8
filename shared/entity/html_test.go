package entity

import (
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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Scan(tt.text, nil)
			checkInvariants(t, tt.text, toks)
			if got := render(toks); got != tt.want {
				t.Errorf("Scan(%q)\n got  %s\n want %s", tt.text, got, tt.want)
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
		{"wrapping script", `<b>Hello</b>`, `<b>Hola</b><script>alert(3)</script>`, "<script>", ""},
		{"added comment", `Hello`, `Hola <!-- x -->`, "<!-- x -->", ""},
		{"tag twice", `<br>Hello`, `<br>Hola<br>`, "<br>", ""},
		{"decoded escape", src, `<p>Hola <b>mi amigo</b> <3 el gato</p>`, "<", ""},
		{"decoded tags", `the cat is &lt;b&gt;big&lt;/b&gt;`, `el gato es <b>grande</b>`, "<b>", ""},
		{"tag no pattern reads", `Hello`, `Hola <svg/onload=alert(1)>`, "<", ""},
		{"raw ampersand", `Tom &amp; Jerry`, `Tom & Jerry`, "&", ""},
		{"added reference", `Hello`, `Hola&nbsp;`, "&nbsp;", ""},
		{"source's own raw characters", `a < b & c`, `a < b & c`, "", ""},
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
		"<script>":                     "a <script> tag",
		"<!-- x -->":                   "a comment",
		"&nbsp;":                       "the character reference &nbsp;",
		"<":                            "a raw '<'",
	} {
		if got := DescribeMarkup(m); got != want {
			t.Errorf("DescribeMarkup(%q) = %q, want %q", m, got, want)
		}
	}
}

// Unclosed openers cost no more than closed ones: one pass pairs every
// element, and a raw-text element without a closing tag is searched once.
func BenchmarkScanHTML(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"page", strings.Repeat(`<p>Hello <b>my friend</b>, see <code>x()</code> and <span translate="no">Parley</span>.</p>`, 100)},
		{"unclosed-script-10k", strings.Repeat("<script>a ", 1000)},
		{"unclosed-notranslate-10k", strings.Repeat(`<i translate=no>a `, 550)},
		{"unclosed-comment-10k", strings.Repeat("<!-- <code>a ", 750)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				Scan(bc.text, nil)
				CompareMarkup(bc.text, bc.text)
			}
		})
	}
}
