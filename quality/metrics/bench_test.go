package metrics_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality/metrics"
)

// A chat-sized segment and a paragraph-sized one.
var (
	benchHyp  = "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich, schau mal https://example.com/x?y=1 !"
	benchRef  = []string{"Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich, sieh dir https://example.com/x?y=1 an!"}
	benchLong = strings.Repeat(benchHyp+" ", 8)
	benchLRef = []string{strings.Repeat(benchRef[0]+" ", 8)}
)

func BenchmarkChrFSentence(b *testing.B) {
	c := metrics.ChrF()
	for b.Loop() {
		c.Sentence(benchHyp, benchRef)
	}
}

func BenchmarkChrFPPSentence(b *testing.B) {
	c := metrics.ChrFPP()
	for b.Loop() {
		c.Sentence(benchHyp, benchRef)
	}
}

func BenchmarkChrFParagraph(b *testing.B) {
	c := metrics.ChrF()
	for b.Loop() {
		c.Sentence(benchLong, benchLRef)
	}
}

func BenchmarkBLEUSentence(b *testing.B) {
	s := metrics.SentenceBLEU()
	for b.Loop() {
		s.Sentence(benchHyp, benchRef)
	}
}

func BenchmarkBLEUParagraph(b *testing.B) {
	s := metrics.SentenceBLEU()
	for b.Loop() {
		s.Sentence(benchLong, benchLRef)
	}
}

func BenchmarkTokenize13a(b *testing.B) {
	for b.Loop() {
		metrics.Tokenize13a(benchHyp)
	}
}

// BenchmarkPairedBootstrap1000x500 is one comparison of two 500-segment
// runs with 1000 resamples on chrF.
func BenchmarkPairedBootstrap1000x500(b *testing.B) {
	hyps := make([]string, 500)
	other := make([]string, 500)
	refs := make([][]string, 500)
	for i := range hyps {
		hyps[i], other[i], refs[i] = benchHyp, benchRef[0], benchRef
	}
	for b.Loop() {
		if _, err := metrics.PairedBootstrap(metrics.ChrF(), hyps, other, refs, metrics.BootstrapOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
