package apertium

import (
	"os/exec"
	"strings"
	"testing"
)

// runTool pipes input through an Apertium program and returns its output,
// skipping the test when the program is not installed.
func runTool(t *testing.T, input string, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (apt-get install apertium); skipping the comparison with it", name)
	}
	cmd := exec.Command(name, args...)
	cmd.Stdin = strings.NewReader(input)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

// textCases are inputs without '*', '#' and '@', on which deformat must
// agree byte for byte with apertium-destxt.
var textCases = []string{
	"a",
	"Hello, how are you?",
	"a?",
	"a!  ",
	"a\n",
	"a\n\nb",
	"a.\n\nb",
	"a\n\n\nb",
	"a\n \nb",
	"a \n\nb",
	"a\n\n b",
	"x ~y",
	"a~b",
	"~",
	"a\tb",
	" lead",
	"trail ",
	"a\r\n\r\nb",
	"a\nb\n",
	"Prices: a^b $c [d] {e} /f <h> \\i",
	"[]", "\\", "^$", "{}", "</>",
	"naïve café — 東京 ☃",
	"a\u00a0b c\u200bd",
	"Line one\nLine two\n\nParagraph two.\n",
}

func TestDeformatMatchesDestxt(t *testing.T) {
	for _, in := range textCases {
		t.Run(in, func(t *testing.T) {
			want := runTool(t, in, "apertium-destxt")
			if got := deformat(in, nil); got != want {
				t.Errorf("deformat(%q)\n got %q\nwant %q", in, got, want)
			}
		})
	}
}

func TestReformatMatchesRetxt(t *testing.T) {
	// Round trip through both tools: what destxt makes, retxt restores; so
	// must reformat, on the same streams.
	for _, in := range textCases {
		t.Run(in, func(t *testing.T) {
			stream := deformat(in, nil)
			want := runTool(t, stream, "apertium-retxt")
			got, unknown := reformat(stream)
			if got != want {
				t.Errorf("reformat(%q)\n got %q\nwant %q", stream, got, want)
			}
			if got != in {
				t.Errorf("round trip of %q gave %q", in, got)
			}
			if unknown != 0 {
				t.Errorf("unknown = %d, want 0", unknown)
			}
		})
	}
}

func TestDeformat(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		protect []string
		want    string
	}{
		{"asterisk and hash join blank runs", "#tag and *bold* 5 * 3", nil, `[#]tag and[ *]bold[* ]5[ * ]3.[]`},
		// destxt escapes '@' ("\@bob"), which then comes out as the
		// generator writes the mark on a word the bilingual dictionary
		// lacks ("\@ticket"): the input's own goes into a superblank,
		// but inside a word, where lt-proc reads an address whole.
		{"at joins blank runs", "ask @bob or a@b.com @@", nil, `ask[ \@]bob or a\@b.com.[][ \@\@]`},
		{"at inside a word", "a@@b @", nil, `a\@[\@]b.[][ \@]`},
		{"protected term", "I use Parley daily", []string{"Parley"}, `I use [Parley] daily.[]`},
		{"protected term escaped inside", "see [x]/y now", []string{"[x]/y"}, `see [\[x\]\/y] now.[]`},
		{"protected term at end", "hi Bob", []string{"Bob"}, `hi [Bob].[]`},
		{"every occurrence", "Bob And Bob", []string{"Bob"}, `[Bob] And [Bob].[]`},
		// A protected term that starts a sentence before a lower-case
		// word carries lowerRune (markup.go), also after a sentence's
		// final punctuation; not mid-sentence, not before an upper-case
		// word or another protected term.
		{"sentence-initial term before a lower-case word", "Bob and Bob", []string{"Bob"}, "[\x03Bob] and [Bob].[]"},
		{"after a sentence's end", "Hi. Bob and Bob", []string{"Bob"}, "Hi. [\x03Bob] and [Bob].[]"},
		{"after a paragraph break", "Hi\n\nBob and", []string{"Bob"}, "Hi.[][\n\n][\x03Bob] and.[]"},
		{"two terms: the second", "Bob Ann and", []string{"Bob", "Ann"}, "[Bob] [\x03Ann] and.[]"},
		{"before a paragraph break", "Bob\n\nand", []string{"Bob"}, "[Bob].[][\n\n]and.[]"},
		{"before a number", "Bob 3 and", []string{"Bob"}, "[Bob] 3 and.[]"},
		{"lower-case mark escaped", "a\x03b", nil, "a\\\x03b.[]"},
		{"longest term wins", "New York Times", []string{"New York", "New York Times"}, `[New York Times].[]`},
		{"empty term ignored", "a b", []string{""}, `a b.[]`},
		{"NUL dropped", "a\x00b", nil, `ab.[]`},
		// Runs of white space other than one space or one lone NBSP are
		// superblanks, so that two blanks side by side in the output are
		// known to be a dropped word's (gap).
		{"lone NBSP passes", "a\u00a0b", nil, "a\u00a0b.[]"},
		{"NBSP run", "a\u00a0\u00a0b", nil, "a[\u00a0\u00a0]b.[]"},
		{"NBSP and space", "a\u00a0 b", nil, "a[\u00a0 ]b.[]"},
		{"NBSP at the end", "a\u00a0", nil, "a\u00a0.[]"},
		{"separator and pair marks escaped", "a\x01b\x02c", nil, "a\\\x01b\\\x02c.[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := deformat(tt.in, tt.protect); got != tt.want {
				t.Errorf("deformat(%q, %q) = %q, want %q", tt.in, tt.protect, got, tt.want)
			}
		})
	}
}

func TestReformat(t *testing.T) {
	tests := []struct {
		name    string
		stream  string
		want    string
		unknown int
	}{
		{"plain", "Hola.[]", "Hola", 0},
		{"unknown words", "*xyzzy *plonk La casa.[]", "xyzzy plonk La casa", 2},
		{"generation and transfer marks", "#vino y @queso", "vino y queso", 2},
		{"two marks on one word", "#*foo bar", "foo bar", 1},
		// The generator escapes the transfer's mark: at the start of a
		// word it is the mark (the input's own '@' is in a superblank);
		// inside a word, or with no word after it, it is text.
		{"escaped transfer mark", `Your \@ticket is opened..[]`, "Your ticket is opened.", 1},
		{"escaped marks after punctuation", `(\@ticket, \#*foo)`, "(ticket, foo)", 2},
		{"escaped at inside a word is literal", `correo a\@bob`, "correo a@bob", 0},
		{"escaped at before no word is literal", `a \@ b`, "a @ b", 0},
		{"the input's at is literal", `correo[ \@]bob`, "correo @bob", 0},
		{"superblank content is literal", `[*]cosas[*] [#]tag`, "*cosas* #tag", 0},
		{"escaped inside superblank", `[\[x\]\/y] ok`, "[x]/y ok", 0},
		{"only one inserted period dropped", "a..[]", "a.", 0},
		{"unterminated superblank", "a [b", "a b", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unknown := reformat(tt.stream)
			if got != tt.want || unknown != tt.unknown {
				t.Errorf("reformat(%q) = %q, %d; want %q, %d", tt.stream, got, unknown, tt.want, tt.unknown)
			}
		})
	}
}

func TestDeformatReformatRoundTrip(t *testing.T) {
	// Without translation in between, any text must come back unchanged,
	// whatever it holds.
	inputs := []string{
		"#tag and *bold* 5 * 3",
		"\\^$[]{}/@<>~*#",
		"[[wordbound]] blanks",
		"a.[] literal",
		"mixed\n\n\t~ *#  end  ",
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			got, unknown := reformat(deformat(in, []string{"bold", "]]"}))
			if got != in || unknown != 0 {
				t.Errorf("round trip of %q = %q, %d", in, got, unknown)
			}
		})
	}
}

func TestTidyBeforeClosers(t *testing.T) {
	tests := []struct {
		name, input, output, want string
	}{
		{"period", "It is a big house.", "Es una casa grande .", "Es una casa grande."},
		{"comma", "you are a fucking idiot, kys", "Eres un idiota maldito , kys", "Eres un idiota maldito, kys"},
		{"each closer", "a b, c; d: e! f? g… (h)", "x , y ; z : w ! v ? u … (t )", "x, y; z: w! v? u… (t)"},
		{"input writes one after a space", "wait ... what", "espera ... qué", "espera ... qué"},
		{"only that closer kept", "merci ! bien.", "gracias ! bien .", "gracias ! bien."},
		{"a protected part keeps its own", "use .NET now.", "usa .NET ahora .", "usa .NET ahora ."},
		{"two spaces are the input's run", "a.", "x  .", "x  ."},
		{"at the start of a line", "hi\n.", "hola\n .", "hola\n ."},
		{"nothing to do", "ok.", "vale.", "vale."},
		{"other characters", "a - b", "x - y", "x - y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tidyBeforeClosers(tt.input, tt.output); got != tt.want {
				t.Errorf("tidyBeforeClosers(%q, %q) = %q, want %q", tt.input, tt.output, got, tt.want)
			}
		})
	}
}

func TestTidyEdges(t *testing.T) {
	tests := []struct {
		name, input, output, want string
	}{
		{"dropped pronoun at start", "I live here", " Vivo aquí", "Vivo aquí"},
		{"dropped pronoun after a paragraph", "I live.\n\nWe are.", " Vivo.\n\n Somos.", "Vivo.\n\nSomos."},
		{"trailing", "the end", "el fin ", "el fin"},
		{"input indented keeps leading", "  indented", "  sangrado", "  sangrado"},
		{"CRLF kept", "a\r\nb", " x\r\n y\r", "x\r\ny\r"},
		{"inner spaces untouched", "a b", "x  y", "x  y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tidyEdges(tt.input, tt.output); got != tt.want {
				t.Errorf("tidyEdges(%q, %q) = %q, want %q", tt.input, tt.output, got, tt.want)
			}
		})
	}
}

func TestDropArticleBeforeMentions(t *testing.T) {
	tests := []struct{ input, output, want string }{
		{"Alguém viu o @carlos hoje?", "Somebody saw the @carlos today?", "Somebody saw @carlos today?"},
		{"El @carlos lo sabe", "The @carlos knows it", "@carlos knows it"},
		{"Avisa al @channel", "Warn the @channel", "Warn the @channel"},       // a group
		{"see the @carlos doc", "see the @carlos doc", "see the @carlos doc"}, // the input's own
		{"bathe@x", "bathe @x", "bathe @x"},
		{"nada", "nothing", "nothing"},
	}
	for _, tt := range tests {
		if got := dropArticleBeforeMentions(tt.input, tt.output); got != tt.want {
			t.Errorf("dropArticleBeforeMentions(%q, %q) = %q, want %q", tt.input, tt.output, got, tt.want)
		}
	}
}
