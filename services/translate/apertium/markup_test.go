package apertium

import (
	"errors"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
)

// scan scans text as the chain does for a rung without sentinels.
func scan(text, format string) []entity.Token { return scanMessage(text, nil, format) }

// scannedRequest is a request as the chain hands it to this rung: the
// text scanned, its entities protected.
func scannedRequest(text, source, target, format string) backend.Request {
	req := backend.Request{Text: text, Source: source, Target: target, Format: format}
	req.Tokens = scan(text, format)
	req.Protect = entity.Protected(req.Tokens)
	return req
}

// encodeText deformats text with its scan, as TranslateDetail does.
func encodeText(t *testing.T, text, format string) (string, *layout) {
	t.Helper()
	toks := scan(text, format)
	stream, lay, err := encodeRequest(backend.Request{Text: text, Tokens: toks, Protect: entity.Protected(toks), Format: format}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	return stream, lay
}

func TestEncodeMarkup(t *testing.T) {
	tests := []struct {
		name, text, format, want string
	}{
		{"delimiters become word-bound blanks", `The <b>new</b> <a href="https://x.io">dashboard</a> is live.`, api.FormatHTML,
			`The [[0]]new[[/]] [[1]]dashboard[[/]] is live..[]`},
		{"Markdown emphasis", "do *not* delete the ~~old~~ files", "", "do [[0]]not[[/]] delete the [[1]]old[[/]] files.[]"},
		{"one blank over several words", "I have a **big red** car", "", "I have a [[0]]big red[[/]] car.[]"},
		{"nested pairs name every pair around the words", "a **b *c* d** e", "", "a [[0]]b[[/]] [[0;1]]c[[/]] [[0]]d[[/]] e.[]"},
		{"blanks at the edges stay outside", "The<b> new </b>x", api.FormatHTML, "The [[0]]new[[/]] x.[]"},
		{"a protected part inside names its pairs", "**Hi @bob** now", "", "[[0]]Hi[[/]] [\x020\x02\\@bob] now.[]"},
		{"a pair without prose is one superblank", "see **@bob** and <b><img src=x></b>", "", `see [**\@bob**] and [\<b\>\<img src=x\>\<\/b\>].[]`},
		{"words glued by markup are kept apart", "<span>friend</span><span>Say it</span>", api.FormatHTML, "[[0]]friend[[/]][\x01][[1]]Say it[[/]].[]"},
		{"an unpaired tag is protected", "a <img src=x> b", api.FormatHTML, `a [\<img src=x\>] b.[]`},
		// Block-level tags end the sentence, as apertium-deshtml
		// has them: transfer cannot reorder words across them.
		{"list items are sentences", "<ul><li>red car</li><li>blue house</li></ul>", api.FormatHTML,
			"[[0;1]]red car[[/]].[][[0;2]]blue house[[/]].[]"},
		{"list items in chat text too", "<ul><li>red car</li><li>blue house</li></ul>", "",
			"[[0;1]]red car[[/]].[][[0;2]]blue house[[/]].[]"},
		{"table cells", "<table><tr><td>red car</td><td>blue house</td></tr></table>", api.FormatHTML,
			"[[0;1;2]]red car[[/]].[][[0;1;3]]blue house[[/]].[]"},
		{"paragraphs glued by markup", "<p>friend</p><p>Say it</p>", api.FormatHTML, "[[0]]friend[[/]].[][[1]]Say it[[/]].[]"},
		{"the mark goes before the blanks held back", "<div>red car </div>\n<div>blue</div>", api.FormatHTML,
			"[[0]]red car[[/]].[] [\n][[1]]blue[[/]].[]"},
		{"an unpaired block tag", "a <br> b", api.FormatHTML, `a .[][\<br\>] b.[]`},
		{"a block tag inside a pair", "<b>one<br>two</b>", api.FormatHTML, "[[0]]one[[/]].[][\x020\x02\\<br\\>][[0]]two[[/]].[]"},
		{"an element kept whole", "see <pre>x</pre> now", api.FormatHTML, `see .[][\<pre\>x\<\/pre\>] now.[]`},
		{"a block tag at the end needs no second mark", "<p>Hi</p>\n", api.FormatHTML, "[[0]]Hi[[/]].[][\n]"},
		{"a paragraph break after a block tag needs none either", "<p>Hi</p>\n\n<p>Yes</p>", api.FormatHTML,
			"[[0]]Hi[[/]].[][\n\n][[1]]Yes[[/]].[]"},
		{"no mark before the first words", "<p><b>Hi</b></p>", api.FormatHTML, "[[0;1]]Hi[[/]].[]"},
		{"a tag in code is no tag", "use `<div>` here", "", "use [`\\<div\\>`] here.[]"},
		{"the end mark stays outside", "**Hi.**", "", "[[0]]Hi.[[/]].[]"},
		{"blank-run characters inside a pair are the pair's", "**5 * 3** and 4 * 2", "", "[[0]]5[\x020\x02 * ]3[[/]] and 4[ * ]2.[]"},
		{"a paragraph break inside a pair", "<b>one\n\ntwo</b>", api.FormatHTML, "[[0]]one[[/]].[][\n\n][[0]]two[[/]].[]"},
		{"a * on either side of a ** pair is the pair's", "the ***big*** car", "", "the [[0]]big[[/]] car.[]"},
		{"a * on one side stays text", "the ***big** car", "", "the[ *][[0]]big[[/]] car.[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := encodeText(t, tt.text, tt.format); got != tt.want {
				t.Errorf("encode(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestEncodeWithoutWordBound(t *testing.T) {
	// A pipeline without the word-bound blank programs gets the
	// delimiters as superblanks, as before.
	text := "Tap **Settings**"
	toks := scan(text, "")
	got, _, err := encodeRequest(backend.Request{Text: text, Tokens: toks, Protect: entity.Protected(toks)}, false, false)
	if err != nil || got != "Tap [**]Settings[**].[]" {
		t.Errorf("encodeRequest = %q, %v", got, err)
	}
	if _, _, err := encodeRequest(backend.Request{Text: "Tap it", Tokens: scan("Tap them", "")}, true, false); err == nil {
		t.Error("tokens of another text were accepted")
	}
	// Block-level tags end the sentence there too: superblanks keep
	// their places, the words would cross them.
	text = "<ul><li>red car</li><li>blue house</li></ul>"
	toks = scan(text, api.FormatHTML)
	got, _, err = encodeRequest(backend.Request{Text: text, Tokens: toks, Protect: entity.Protected(toks), Format: api.FormatHTML}, false, false)
	if want := `[\<ul\>][\<li\>]red car.[][\<\/li\>][\<li\>]blue house.[][\<\/li\>][\<\/ul\>]`; err != nil || got != want {
		t.Errorf("encodeRequest = %q, %v; want %q", got, err, want)
	}
}

// TestRebuildMarkup feeds rebuild the streams the installed eng-spa
// produced for the linguist's reports (and constructed ones for the
// rest): each pair's delimiters go around the words that came out bound
// to it.
func TestRebuildMarkup(t *testing.T) {
	tests := []struct {
		name, text, format, out, want string
	}{
		{"HTML tags move with their words", `The <b>new</b> <a href="https://x.io">dashboard</a> is live.`, api.FormatHTML,
			"El [[1]]salpicadero[[/]] [[0]]nuevo[[/]] es vivo..[]", `El <a href="https://x.io">salpicadero</a> <b>nuevo</b> es vivo.`},
		{"a link after its noun", `Click the <a href="/del">red</a> button`, api.FormatHTML,
			"Clic el botón [[0]]rojo[[/]].[]", `Clic el botón <a href="/del">rojo</a>`},
		{"emphasis on the moved words", "do *not* delete the ~~old~~ files", "",
			"[[0]]No[[/]] elimina las limas [[1]]viejas[[/]].[]", "*No* elimina las limas ~~viejas~~"},
		{"one span over the words of one pair", "I have a **big red** car", "",
			" Tengo un coche [[0]]rojo[[/]] [[0]]grande[[/]].[]", " Tengo un coche **rojo grande**"},
		{"a word the engine adds inside a span", "a **big red** car", "",
			"[[0]]grande[[/]] y [[0]]rojo[[/]].[]", "**grande y rojo**"},
		{"nested pairs", "I have a <b>big <i>red</i> car</b>", api.FormatHTML,
			" Tengo un [[0]]coche[[/]] [[0; 1]]rojo[[/]] [[0]]grande[[/]].[]", " Tengo un <b>coche <i>rojo</i> grande</b>"},
		{"a protected part inside a pair", "**Hi @bob** now", "",
			"[[0]]Hola[[/]] [\x020\x02@bob] ahora.[]", "**Hola @bob** ahora"},
		{"the end mark's period inside a word-bound blank", "**Hi.**", "",
			"[[0]]Hola[[/]][[0]].[[/]][[0]].[[/]][]", "**Hola.**"},
		{"blank-run characters inside a pair", "**5 * 3** and 4 * 2", "",
			"[[0]]5[[/]][\x020\x02 * ][[0]]3[[/]] y 4[ * ]2.[]", "**5 * 3** y 4 * 2"},
		{"blank-run characters from outside inside a span", "**big red** # car", "",
			"[[0]]rojo[[/]][ # ][[0]]grande[[/]] coche.[]", "**rojo # grande** coche"},
		{"a separator between words that stayed glued", "<p>friend</p><p>Say it</p>", api.FormatHTML,
			"[[0]]amigo[[/]][\x01][[1]]Dice él[[/]].[]", "<p>amigo</p><p>Dice él</p>"},
		{"a separator between words that moved apart", "un<b>do</b>able", api.FormatHTML,
			"des[\x01]capaz[\x01][[0]]hacer[[/]].[]", "des capaz<b>hacer</b>"},
		// Emphasis in chat text bends where the translation does.
		{"emphasis dropped with its only word", "I **do** not want to go", "", "No quiero ir.[]", "No quiero ir"},
		{"emphasis dropped, the pair around it kept", "I **really _do_** not", "", "[[0]]Realmente[[/]] no.[]", "**Realmente** no"},
		{"emphasis around each run of its words", "**big red** @bob", "",
			"[[0]]rojo[[/]] [@bob] [[0]]grande[[/]].[]", "**rojo** @bob **grande**"},
		{"emphasis around each run, another pair's word between", "**big** _red_ **car** x", "",
			"[[0]]grande[[/]] [[1]]rojo[[/]] [[0]]coche[[/]] x.[]", "**grande** _rojo_ **coche** x"},
		{"nested emphasis split", "a **b _c d_ e** f", "",
			"[[0; 1]]c[[/]] [[0]]b[[/]] [@x] [[0; 1]]d[[/]] [[0]]e[[/]] f.[]", "**_c_ b** @x **_d_ e** f"},
		{"a widened pair moves its * too", "the ***big*** car", "", "El coche [[0]]grande[[/]].[]", "El coche ***grande***"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, lay := encodeText(t, tt.text, tt.format)
			got, _, err := lay.rebuild(tt.out)
			if err != nil || got != tt.want {
				t.Errorf("rebuild(%q) = %q, %v; want %q", tt.out, got, err, tt.want)
			}
		})
	}
}

// TestRebuildDeclines: what word-bound blanks cannot place is an error,
// so that the chain serves another rung rather than markup on the wrong
// words.
func TestRebuildDeclines(t *testing.T) {
	tests := []struct {
		name, text, format, out, want string
	}{
		{"the pair's only word dropped", "I <b>do</b> not want to go", api.FormatHTML, "No quiero ir.[]", "dropped every word inside a <b> tag"},
		{"another pair's word inside the span", "<p>Hello <b>my <i>dear</i></b> friend</p>", api.FormatHTML,
			"[[0]]Hola[[/]] [[0; 1]]mi[[/]] [[0]]amigo[[/]] [[0; 1; 2]]querido[[/]].[]", "moved words across a <b> tag"},
		{"a protected part moved into a span", "<b>big red</b> <br>", api.FormatHTML,
			"[[0]]rojo[[/]] [<br>] [[0]]grande[[/]].[]", "moved words across a <b> tag"},
		// Markdown in HTML mode, and a link in chat text (its URL
		// would be lost or doubled), are no flexible pairs.
		{"emphasis in HTML mode", "I **do** not want to go", api.FormatHTML, "No quiero ir.[]", `dropped every word inside the markup "**"`},
		{"a link's words dropped", "I [do](https://x.io) not want to go", "", "No quiero ir.[]", `dropped every word inside the markup "["`},
		{"a link's words apart", "[big red](https://x.io) @bob", "",
			"[[0]]rojo[[/]] [@bob] [[0]]grande[[/]].[]", `moved words across the markup "["`},
		// Pairs sentences apart in the input come out in its order:
		// the streams eng-spa gave before block tags ended sentences,
		// with the items', cells' and divs' contents swapped.
		{"list items swapped", "<ul><li>red car</li><li>blue house</li></ul>", api.FormatHTML,
			"[[0; 2]]Casa[[/]][\x01][[0; 2]]azul[[/]] [[0; 1]]automovilística[[/]] [[0; 1]]roja[[/]].[]",
			"moved the words inside a <li> tag ahead of those inside a <li> tag"},
		{"list items swapped in chat text", "<ul><li>red car</li><li>blue house</li></ul>", "",
			"[[0; 2]]Casa[[/]][\x01][[0; 2]]azul[[/]] [[0; 1]]automovilística[[/]] [[0; 1]]roja[[/]].[]",
			"moved the words inside a <li> tag ahead of those inside a <li> tag"},
		{"table cells swapped", "<table><tr><td>red car</td><td>blue house</td></tr></table>", api.FormatHTML,
			"[[0; 1; 3]]Casa[[/]][\x01][[0; 1; 3]]azul[[/]] [[0; 1; 2]]automovilística[[/]] [[0; 1; 2]]roja[[/]].[]",
			"moved the words inside a <td> tag ahead of those inside a <td> tag"},
		{"divs swapped", "<div>red car</div><div>blue house</div>", api.FormatHTML,
			"[[1]]Casa[[/]][\x01][[1]]azul[[/]] [[0]]automovilística[[/]] [[0]]roja[[/]].[]",
			"moved the words inside a <div> tag ahead of those inside a <div> tag"},
		{"inline pairs of two paragraphs swapped", "Hello <b>world</b><br>Good <em>morning</em> friends", api.FormatHTML,
			"Buenos [[1]]días[[/]] amigos.[][<br>]Hola [[0]]mundo[[/]].[]",
			"moved the words inside an <em> tag ahead of those inside a <b> tag"},
		// Tags that are not inline keep their order also where no
		// sentence end stood between them (an unknown element).
		{"unknown elements swapped", "<x-a>red car</x-a><x-b>blue house</x-b>", api.FormatHTML,
			"[[1]]Casa[[/]][\x01][[1]]azul[[/]] [[0]]automovilística[[/]] [[0]]roja[[/]].[]",
			"moved the words inside a <x-b> tag ahead of those inside a <x-a> tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, lay := encodeText(t, tt.text, tt.format)
			got, _, err := lay.rebuild(tt.out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("rebuild(%q) = %q, %v; want an error with %q", tt.out, got, err, tt.want)
			}
		})
	}
}

// TestGaps: a dropped word leaves the blanks on either side of it side by
// side; the output gets one, and keeps every run the input had.
func TestGaps(t *testing.T) {
	tests := []struct {
		name, text, out, want string
		protect               []string
	}{
		{"after a placeholder", "Hello {name}, you have mail", "Hola [{name}],  tienes correo.[]", "Hola {name}, tienes correo", []string{"{name}"}},
		{"between words", "we are here and we are happy", "somos aquí y  somos felices.[]", "somos aquí y somos felices", nil},
		{"a pivot's", "Je ne veux pas", "I  do not want.[]", "I do not want", nil},
		{"two NBSPs of the input's, one each", "see\u00a0you\u00a0there", "verte\u00a0\u00a0allí.[]", "verte\u00a0allí", nil},
		{"a space and an NBSP", "see you\u00a0there", "verte \u00a0allí.[]", "verte allí", nil},
		{"the input's double space", "one  two", "uno[  ]dos.[]", "uno  dos", nil},
		{"the input's double space next to a dropped word's", "I  live here", "[  ] Vivo aquí.[]", "  Vivo aquí", nil},
		{"the input's NBSPs", "a\u00a0\u00a0b", "a[\u00a0\u00a0]b.[]", "a\u00a0\u00a0b", nil},
		{"a line break and a dropped word's space", "I live.\n\nWe are.", "Vivo..[][\n\n] Somos..[]", "Vivo.\n\nSomos.", nil},
		{"inside protected code", "run `a  b` now", "ejecuta [`a  b`]  ahora.[]", "ejecuta `a  b` ahora", []string{"`a  b`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, lay := encode(tt.text, atomSpans(protectedSpans(tt.text, tt.protect)), nil)
			lay.capital = false // TestCapital's
			if got, _, err := lay.rebuild(tt.out); err != nil || got != tt.want {
				t.Errorf("rebuild(%q) = %q, %v; want %q", tt.out, got, err, tt.want)
			}
		})
	}
}

func TestCapital(t *testing.T) {
	tests := []struct {
		name, text, out, want string
		protect               []string
	}{
		{"lost in a pivot", "I do not want to go.", "je ne veux pas aller..[]", "Je ne veux pas aller.", nil},
		{"after leading punctuation", "¿Qué pasa?", "¿what happens?.[]", "¿What happens?", nil},
		{"a lower-case input stays", "do not", "no.[]", "no", nil},
		{"an upper-case output stays", "do not", "No.[]", "No", nil},
		{"a protected part first is not touched", "Hi @bob", "[@bob] hola.[]", "@bob hola", []string{"@bob"}},
		{"an input that starts with a protected part", "@bob Hi", "[@bob] hola.[]", "@bob hola", []string{"@bob"}},
		{"no case in the script", "Tokyo", "東京.[]", "東京", nil},
		{"title case for a digraph", "Dzungla", "ǆungla.[]", "ǅungla", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, lay := encode(tt.text, atomSpans(protectedSpans(tt.text, tt.protect)), nil)
			if got, _, err := lay.rebuild(tt.out); err != nil || got != tt.want {
				t.Errorf("rebuild(%q) = %q, %v; want %q", tt.out, got, err, tt.want)
			}
		})
	}
	// HTML: the tags are no letters of the text.
	_, lay := encodeText(t, "<p>I do not want to go.</p>", api.FormatHTML)
	if got, _, err := lay.rebuild("[[0]]je[[/]] [[0]]ne veux pas aller.[[/]].[]"); err != nil || got != "<p>Je ne veux pas aller.</p>" {
		t.Errorf("rebuild = %q, %v", got, err)
	}
}

// TestMarkupThroughEngine runs the linguist's reports through the real
// eng-spa (and the eng-spa+es-fr pivot): each pair's content is the
// translation of its own words. The reports' output before word-bound
// blanks is in the comments.
func TestMarkupThroughEngine(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "es-fr")
	if m, _ := e.resolve("en", "es"); !m.wordBound {
		t.Skip("the installed Apertium has no word-bound blank programs (apertium 3.8)")
	}
	tests := []struct {
		name, target, text, format, want string
	}{
		// El <b>salpicadero</b> <a href="https://x.io">nuevo</a> es vivo.
		{"two HTML pairs", "es", `The <b>new</b> <a href="https://x.io">dashboard</a> is live.`, api.FormatHTML,
			`El <a href="https://x.io">salpicadero</a> <b>nuevo</b> es vivo.`},
		// Clic el <a href="/del">botón</a> rojo
		{"a link on an adjective", "es", `Click the <a href="/del">red</a> button`, api.FormatHTML, `Clic el botón <a href="/del">rojo</a>`},
		// no *elimina*  los ~~archivos~~ viejos
		{"emphasis and strike-through", "es", "do *not* delete the ~~old~~ files", "", "*no* elimina los archivos ~~viejos~~"},
		// Encuadres **de grifo**
		{"strong emphasis at the end", "es", "Tap **Settings**", "", "**Ajustes** de grifo"},
		// Tengo un **coche rojo** grande
		{"two words in one pair", "es", "I have a **big red** car", "", "Tengo un coche **rojo grande**"},
		{"nested pairs", "es", "I have a <b>big <i>red</i> car</b>", api.FormatHTML, "Tengo un <b>coche <i>rojo</i> grande</b>"},
		{"through a pivot", "fr", "I have a **big red** car", "", "J'ai une voiture **rouge grande**"},
		// Spanish does not say the pronoun or the auxiliary: the
		// emphasis on it goes too (it was declined).
		{"emphasis on a dropped pronoun", "es", "**I** will fix it", "", "Lo arreglaré"},
		{"emphasis on a dropped subject", "es", "Do **you** have the logs?", "", "¿Tienes los registros?"},
		{"emphasis on a dropped auxiliary", "es", "I **do** not want to go", "", "No quiero ir"},
		{"emphasis around each run of its words", "es", "a **big red** @bob car", "", "un coche **rojo** @bob **grande**"},
		{"bold italics move whole", "es", "the ***big*** car", "", "el coche ***grande***"},
		// Block-level tags end the sentence: each item, cell and div
		// is the translation of its own words (the items' contents
		// were swapped: <ul><li>Casa azul</li> <li>automovilística
		// roja</li></ul>). Apertium capitalizes a sentence's first
		// word, as its own HTML mode does.
		{"list items", "es", "<ul><li>red car</li><li>blue house</li></ul>", api.FormatHTML,
			"<ul><li>Coche rojo</li><li>Casa azul</li></ul>"},
		{"list items in chat text", "es", "<ul><li>red car</li><li>blue house</li></ul>", "",
			"<ul><li>Coche rojo</li><li>Casa azul</li></ul>"},
		{"table cells", "es", "<table><tr><td>red car</td><td>blue house</td></tr></table>", api.FormatHTML,
			"<table><tr><td>Coche rojo</td><td>Casa azul</td></tr></table>"},
		{"table cells in chat text", "es", "<table><tr><td>red car</td><td>blue house</td></tr></table>", "",
			"<table><tr><td>Coche rojo</td><td>Casa azul</td></tr></table>"},
		{"divs", "es", "<div>red car</div><div>blue house</div>", api.FormatHTML, "<div>Coche rojo</div><div>Casa azul</div>"},
		{"divs in chat text", "es", "<div>red car</div><div>blue house</div>", "", "<div>Coche rojo</div><div>Casa azul</div>"},
		{"a line break", "es", "red car<br>blue house", api.FormatHTML, "Coche rojo<br>Casa azul"},
		{"through a pivot", "fr", "<ul><li>red car</li><li>blue house</li></ul>", api.FormatHTML,
			"<ul><li>Voiture rouge</li><li>Maison bleue</li></ul>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.text, tt.format)
			got, err := e.TranslateDetail(t.Context(), backend.Request{Text: tt.text, Source: "en", Target: tt.target,
				Tokens: toks, Protect: entity.Protected(toks), Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.want {
				t.Errorf("Translate(%q)\n got %q\nwant %q", tt.text, got.Text, tt.want)
			}
		})
	}

	// Two paragraphs with inline tags (they were declined: "the
	// translation moved words across a <p> tag") are each paragraph's
	// translation alone.
	for _, format := range []string{api.FormatHTML, ""} {
		paras := []string{"<p>Hello <b>world</b></p>", "<p>Good <em>morning</em> friends</p>"}
		var alone []string
		for _, text := range append(paras, strings.Join(paras, "")) {
			toks := scan(text, format)
			got, err := e.TranslateDetail(t.Context(), backend.Request{Text: text, Source: "en", Target: "es", Tokens: toks,
				Protect: entity.Protected(toks), Format: format})
			if err != nil {
				t.Fatalf("Translate(%q, format %q): %v", text, format, err)
			}
			alone = append(alone, got.Text)
		}
		if want := alone[0] + alone[1]; alone[2] != want {
			t.Errorf("Translate(%q, format %q)\n got %q\nwant %q", strings.Join(paras, ""), format, alone[2], want)
		}
	}

	// Declined in HTML mode, whose tags must come back exactly: the
	// engine drops "do", the only word of the pair; "friend" lands
	// between the words of <b>.
	for _, text := range []string{"I <b>do</b> not want to go", "<p>Hello <b>my <i>dear</i></b> friend</p>"} {
		toks := scan(text, api.FormatHTML)
		_, err := e.TranslateDetail(t.Context(), backend.Request{Text: text, Source: "en", Target: "es", Tokens: toks,
			Protect: entity.Protected(toks), Format: api.FormatHTML})
		if !errors.Is(err, backend.ErrProtected) {
			t.Errorf("Translate(%q) error = %v, want ErrProtected", text, err)
		}
	}
}

// chatEmphasis are chat messages with emphasis (en → es), measured in
// docs/apertium.md: 4 of the 20 were declined before emphasis could be
// dropped with its words.
var chatEmphasis = []string{
	"**I** will fix it tomorrow",
	"Do **you** have the logs?",
	"I **do** not want to go",
	"This is *really* important",
	"Please **do not** merge this yet",
	"The build is **broken** again",
	"Can you check the **new** dashboard?",
	"I _love_ this idea",
	"We need to ship it **today**",
	"Did you read the *whole* thread?",
	"**Note:** the meeting moved to Friday",
	"That was ~~easy~~ hard",
	"Thanks for the **quick** reply!",
	"It is *not* my fault",
	"**Please** restart the server",
	"The **red** button deletes everything",
	"I have **two** questions",
	"You **must** update your password",
	"She said it is **fine**",
	"**Do** you want coffee?",
}

// TestChatEmphasisThroughEngine: none of the chat messages is declined,
// and each delimiter comes back as often as the message has it, or not
// at all where the pair went with its words.
func TestChatEmphasisThroughEngine(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	if m, _ := e.resolve("en", "es"); !m.wordBound {
		t.Skip("the installed Apertium has no word-bound blank programs (apertium 3.8)")
	}
	dropped := 0
	for _, text := range chatEmphasis {
		toks := scan(text, "")
		got, err := e.TranslateDetail(t.Context(), backend.Request{Text: text, Source: "en", Target: "es", Tokens: toks, Protect: entity.Protected(toks)})
		if err != nil {
			t.Errorf("Translate(%q): %v", text, err)
			continue
		}
		for _, d := range entity.Protected(toks) {
			switch n := strings.Count(got.Text, d); {
			case n == 0:
				dropped++
			case n != strings.Count(text, d):
				t.Errorf("Translate(%q) = %q: %d of %q", text, got.Text, n, d)
			}
		}
	}
	t.Logf("%d messages, none declined, %d pairs dropped with their words", len(chatEmphasis), dropped)
}

// TestGapsThroughEngine: the linguist's double blanks and lost capital,
// through the real modes.
func TestGapsThroughEngine(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "es-fr", "fr-es", "spa-eng")
	tests := []struct {
		name, source, target, text string
		protect                    []string
		want                       string
	}{
		{"after a placeholder", "en", "es", "Hello {name}, you have 3 messages", []string{"{name}"}, "Hola {name}, tienes 3 mensajes"},
		{"between words", "en", "es", "We are here today and we are happy", nil, "Estamos aquí hoy y somos felices"},
		{"in a pivot", "fr", "en", "Je ne veux pas aller à la plage.", nil, "I don't want to go to the beach."},
		{"NBSPs", "en", "es", "Good to see\u00a0you\u00a0there", nil, "Bueno de verte\u00a0allí"},
		{"the capital a pivot lost", "en", "fr", "I don't want to go to the beach.", nil, "Je ne veux pas aller à la plage."},
		{"the input's own runs stay", "en", "es", "We are  here\u00a0\u00a0today", nil, "Estamos  aquí\u00a0\u00a0hoy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.TranslateDetail(t.Context(), backend.Request{Text: tt.text, Source: tt.source, Target: tt.target, Protect: tt.protect})
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.want {
				t.Errorf("Translate(%q)\n got %q\nwant %q", tt.text, got.Text, tt.want)
			}
		})
	}
}
