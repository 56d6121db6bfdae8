package metrics_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/parley-chat/parley/quality/metrics"
	"github.com/parley-chat/parley/shared/repo"
)

// tolerance is "to 4 decimals": every value must agree with sacreBLEU
// within 1e-4 points (in practice they agree to ~1e-12).
const tolerance = 1e-4

type vector struct {
	Hyp   string   `json:"hyp"`
	Refs  []string `json:"refs"`
	ChrF2 float64  `json:"chrF2"`
	// chrF2++ and chrF2_eps are not valid Go identifiers, hence the tags.
	ChrF2PP  float64  `json:"chrF2++"`
	ChrF2Eps *float64 `json:"chrF2_eps"`
	SentBLEU float64  `json:"sentBLEU_13a_exp_eff"`
	Tok13a   *string  `json:"tok13a_hyp"`
}

type vectorFile struct {
	Sentence []vector `json:"sentence"`
	Corpus   struct {
		BLEU      float64 `json:"corpus_BLEU"`
		BLEUSig   string  `json:"corpus_BLEU_sig"`
		BLEUFull  string  `json:"corpus_BLEU_full"`
		ChrF2     float64 `json:"corpus_chrF2"`
		ChrF2PP   float64 `json:"corpus_chrF2++"`
		ChrF2PPSg string  `json:"corpus_chrF2++_sig"`
	} `json:"corpus"`
}

// sacrebleuDir is ../shared/testdata/sacrebleu; tests skip without it.
func sacrebleuDir(t *testing.T) string {
	t.Helper()
	dir := repo.Shared("testdata", "sacrebleu")
	if dir == "" {
		t.Skip("../shared/testdata/sacrebleu (the sacreBLEU 2.6.0 reference vectors beside the repository) is absent")
	}
	return dir
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > tolerance || math.IsNaN(got) {
		t.Errorf("%s = %.10f, sacreBLEU says %.10f (diff %.2g)", what, got, want, got-want)
	}
}

func checkSentence(t *testing.T, v vector) {
	t.Helper()
	near(t, "chrF2", metrics.ChrF().Sentence(v.Hyp, v.Refs).Score, v.ChrF2)
	near(t, "chrF2++", metrics.ChrFPP().Sentence(v.Hyp, v.Refs).Score, v.ChrF2PP)
	if v.ChrF2Eps != nil {
		eps := metrics.ChrF()
		eps.EpsSmoothing = true
		near(t, "chrF2 eps", eps.Sentence(v.Hyp, v.Refs).Score, *v.ChrF2Eps)
	}
	near(t, "sentence BLEU", metrics.SentenceBLEU().Sentence(v.Hyp, v.Refs).Score, v.SentBLEU)
	if v.Tok13a != nil {
		if got := metrics.Tokenize13a(v.Hyp); got != *v.Tok13a {
			t.Errorf("13a tokens %q, sacreBLEU says %q", got, *v.Tok13a)
		}
	}
}

func TestSacreBLEUVectors(t *testing.T) {
	var f vectorFile
	readJSON(t, filepath.Join(sacrebleuDir(t), "sacrebleu-vectors.json"), &f)
	if len(f.Sentence) == 0 {
		t.Fatal("no sentence vectors")
	}
	var hyps []string
	var refs [][]string
	for _, v := range f.Sentence {
		t.Run("sentence/"+v.Hyp, func(t *testing.T) { checkSentence(t, v) })
		hyps = append(hyps, v.Hyp)
		refs = append(refs, v.Refs)
	}

	t.Run("corpus", func(t *testing.T) {
		bleu := metrics.CorpusBLEU()
		b, err := bleu.Corpus(hyps, refs)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "corpus BLEU", b.Score, f.Corpus.BLEU)
		if got := b.Verbose(); got != f.Corpus.BLEUFull {
			t.Errorf("verbose BLEU\n got %s\nwant %s", got, f.Corpus.BLEUFull)
		}
		if got := bleu.Signature(metrics.NRefs(refs)); got != f.Corpus.BLEUSig {
			t.Errorf("BLEU signature %s, want %s", got, f.Corpus.BLEUSig)
		}
		c, err := metrics.ChrF().Corpus(hyps, refs)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "corpus chrF2", c.Score, f.Corpus.ChrF2)
		if want := "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"; c.Signature != want {
			t.Errorf("chrF signature %s, want %s", c.Signature, want)
		}
		cpp, err := metrics.ChrFPP().Corpus(hyps, refs)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "corpus chrF2++", cpp.Score, f.Corpus.ChrF2PP)
		if cpp.Signature != f.Corpus.ChrF2PPSg {
			t.Errorf("chrF++ signature %s, want %s", cpp.Signature, f.Corpus.ChrF2PPSg)
		}
		if cpp.Name != "chrF2++" || c.Name != "chrF2" {
			t.Errorf("names %q %q", c.Name, cpp.Name)
		}
	})
}

func TestSacreBLEUExtraVectors(t *testing.T) {
	var vs []vector
	readJSON(t, filepath.Join(sacrebleuDir(t), "sacrebleu-vectors-extra.json"), &vs)
	if len(vs) == 0 {
		t.Fatal("no vectors")
	}
	for _, v := range vs {
		t.Run(v.Hyp, func(t *testing.T) { checkSentence(t, v) })
	}
}
