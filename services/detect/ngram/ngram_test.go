package ngram

import (
	"bufio"
	"context"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"
)

// Few languages keep lingua-go's own maps (the reference) small enough to
// load in seconds under the race detector; they still hold close pairs
// (es/pt, da/nb, ru/uk) and scripts that lingua's rules decide.
var testLanguages = []lingua.Language{
	lingua.English, lingua.Spanish, lingua.Portuguese, lingua.German,
	lingua.Danish, lingua.Bokmal, lingua.Russian, lingua.Ukrainian,
	lingua.Chinese, lingua.Japanese, lingua.Korean, lingua.Greek,
}

var texts = []string{
	"Thanks for your help, see you tomorrow at the office.",
	"Gracias por tu ayuda, nos vemos mañana en la oficina.",
	"Obrigado pela ajuda, vejo você amanhã no escritório.",
	"Danke für deine Hilfe",
	"Tak for hjælpen", "Takk for hjelpen", "vi ses",
	"Спасибо за помощь", "Дякую за допомогу", "привет",
	"谢谢你的帮助", "ありがとう", "도와줘서 고마워요", "ευχαριστώ",
	"ok", "a", "casa", "no", "hola amigo", "bom dia", "Straße", "lol 😂",
	"Hello Привет", "hola 你好", "東京タワー",
	strings.Repeat("This is a long English sentence about nothing much at all. ", 4),
}

// highLanguages are fewer still: lingua-go's high-accuracy maps take most
// of this package's test time under the race detector.
var highLanguages = []lingua.Language{lingua.English, lingua.Spanish, lingua.Portuguese, lingua.Korean}

// sample returns every step-th line of the lingua test data of langs, or
// nothing when ../shared is not beside the repository.
func sample(t *testing.T, langs []lingua.Language, kind string, step int) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "testdata", "lingua", kind)
	if _, err := os.Stat(dir); err != nil {
		t.Logf("no lingua test data at %s; using the built-in texts only", dir)
		return nil
	}
	var out []string
	for _, l := range langs {
		f, err := os.Open(filepath.Join(dir, strings.ToLower(l.IsoCode639_1().String())+".txt"))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for i := 0; sc.Scan(); i++ {
			if i%step == 0 {
				out = append(out, sc.Text())
			}
		}
		f.Close()
	}
	return out
}

func TestAgreesWithLingua(t *testing.T) {
	m, err := New(highLanguages, false)
	if err != nil {
		t.Fatal(err)
	}
	ld := lingua.NewLanguageDetectorBuilder().FromLanguages(highLanguages...).Build()
	ctx := context.Background()
	step := 25
	if testing.Short() {
		step = 250
	}
	all := append(append([]string{}, texts...), sample(t, highLanguages, "word-pairs", step)...)
	all = append(all, sample(t, highLanguages, "single-words", step)...)
	all = append(all, sample(t, highLanguages, "sentences", step*4)...)
	for _, text := range all {
		got, err := m.Confidences(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		want := ld.ComputeLanguageConfidenceValues(text)
		if len(got.Scores) != len(want) {
			t.Fatalf("%q: %d scores, want %d", text, len(got.Scores), len(want))
		}
		for i, w := range want {
			// Quantized probabilities move a confidence by well under
			// 0.01; a language order can only swap where lingua's own
			// values nearly tie.
			g := got.Scores[i]
			if math.Abs(g.Value-w.Value()) > 0.01 {
				t.Errorf("%q: score %d = %v %.4f, lingua %v %.4f", text, i, g.Language, g.Value, w.Language(), w.Value())
				break
			}
			if g.Language != w.Language() && math.Abs(want[min(i+1, len(want)-1)].Value()-w.Value()) > 0.01 &&
				(i == 0 || math.Abs(want[i-1].Value()-w.Value()) > 0.01) {
				t.Errorf("%q: language %d = %v, lingua %v", text, i, g.Language, w.Language())
				break
			}
		}
	}
	t.Logf("compared %d texts", len(all))
}

func TestLowAccuracyAgreesWithLingua(t *testing.T) {
	m, err := New(testLanguages, true)
	if err != nil {
		t.Fatal(err)
	}
	ld := lingua.NewLanguageDetectorBuilder().FromLanguages(testLanguages...).WithLowAccuracyMode().Build()
	for _, text := range append(append([]string{}, texts...), sample(t, testLanguages, "word-pairs", 50)...) {
		got, err := m.Confidences(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		want := ld.ComputeLanguageConfidenceValues(text)
		if math.Abs(got.Scores[0].Value-want[0].Value()) > 0.01 ||
			(got.Scores[0].Language != want[0].Language() && math.Abs(want[0].Value()-want[1].Value()) > 0.01) {
			t.Errorf("%q: %v %.4f, lingua %v %.4f", text, got.Scores[0].Language, got.Scores[0].Value, want[0].Language(), want[0].Value())
		}
	}
}

func TestRulesDecide(t *testing.T) {
	m, err := New(testLanguages, false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want lingua.Language
	}{
		{"도와줘서 고마워요", lingua.Korean},
		{"ευχαριστώ πολύ", lingua.Greek},
		{"ありがとう", lingua.Japanese},
		{"東京タワー", lingua.Japanese},
		{"谢谢你", lingua.Chinese},
		{"Straße", lingua.German}, // ß is German's alone
		{"їжак їсть", lingua.Ukrainian},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := m.Confidences(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Rule || got.Top().Language != tt.want || got.Top().Value != 1 {
				t.Errorf("got rule=%v top %+v, want %v by rule", got.Rule, got.Top(), tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Hello, World!", "hello world"},
		{"don't 42 stop", "don t stop"},
		{"你好世界", "你 好 世 界"},
		{"abc中文 def", "abc中文 def"}, // lingua's regexp runs on through CJK after a letter
		{"😀 ok", "ok"},
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.in), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNoLetters(t *testing.T) {
	m, err := New(testLanguages, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Confidences(context.Background(), "12 + 😀 !")
	if err != nil {
		t.Fatal(err)
	}
	if got.Top().Language != lingua.Unknown || got.Letters != 0 {
		t.Errorf("got %+v, want no language", got.Top())
	}
}

func TestWaitHonoursContext(t *testing.T) {
	// A model whose group nobody has loaded yet: a canceled request must
	// not wait for the load (which still completes for the next one).
	m, err := New([]lingua.Language{lingua.Swahili, lingua.Yoruba}, true)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Confidences(ctx, "habari yako rafiki"); err == nil && !m.Loaded() {
		t.Fatal("a canceled request waited for nothing and reported no error")
	}
	if err := m.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, err := m.Confidences(context.Background(), "habari yako rafiki")
	if err != nil || got.Top().Language != lingua.Swahili {
		t.Fatalf("after load: %+v, %v", got.Top(), err)
	}
}

func TestSharedGroups(t *testing.T) {
	a, err := New([]lingua.Language{lingua.Swahili, lingua.Yoruba}, true)
	if err != nil {
		t.Fatal(err)
	}
	b, err := New([]lingua.Language{lingua.Yoruba, lingua.Swahili, lingua.Korean}, true)
	if err != nil {
		t.Fatal(err)
	}
	if a.groups[0] != b.groups[0] {
		t.Error("two models over the same Latin languages do not share their tables")
	}
	runtime.KeepAlive(a)
}

func BenchmarkConfidences(b *testing.B) {
	m, err := New(testLanguages, false)
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Load(context.Background()); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := m.Confidences(ctx, texts[i%len(texts)]); err != nil {
			b.Fatal(err)
		}
	}
}
