package detect

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parley-chat/parley/services/detect/eval"
	"github.com/parley-chat/parley/shared/api"
)

// linguaData is lingua's test data beside the repository (../shared).
func linguaData(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "lingua")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("no lingua test data at %s (../shared beside the repository): %v", dir, err)
	}
	return dir
}

// BenchmarkWordPairs runs the default configuration over a sample of
// lingua's word pairs and reports accuracy and precision beside the time
// per message; cmd/detect-eval (make bench-detect) is the full
// evaluation.
func BenchmarkWordPairs(b *testing.B) {
	texts, err := eval.Load(linguaData(b), []string{"word-pairs"}, 25)
	if err != nil {
		b.Fatal(err)
	}
	cfg := testConfig()
	cfg.Languages = DefaultLanguages
	cfg.Preload = PreloadBlocking
	det, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	deployed := make(map[string]bool)
	for _, l := range det.Languages() {
		deployed[eval.Canonical(l)] = true
	}
	ctx := context.Background()
	var results []eval.Result
	b.ResetTimer()
	for b.Loop() {
		results = eval.Score(texts, deployed, func(t eval.Text) string {
			resp, err := det.Detect(ctx, api.DetectRequest{Text: t.Text})
			if err != nil || resp.Language == api.Undetermined {
				return api.Undetermined
			}
			return api.Base(resp.Language)
		})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/message")
	b.ReportMetric(results[0].Accuracy, "accuracy%")
	b.ReportMetric(results[0].Precision, "precision%")
}

// TestSampleAccuracy is a quick guard on the tuned defaults: a small
// sample of lingua's word pairs in the test languages, on the shared test
// detector. The full figures come from cmd/detect-eval.
func TestSampleAccuracy(t *testing.T) {
	texts, err := eval.Load(linguaData(t), []string{"word-pairs"}, 50)
	if err != nil {
		t.Fatal(err)
	}
	det := newTestDetector(t)
	deployed := make(map[string]bool)
	for _, l := range det.Languages() {
		deployed[eval.Canonical(l)] = true
	}
	var sample []eval.Text
	for _, x := range texts {
		if deployed[x.Lang] {
			sample = append(sample, x)
		}
	}
	res := eval.Score(sample, deployed, func(x eval.Text) string {
		resp, err := det.Detect(context.Background(), api.DetectRequest{Text: x.Text})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Language == api.Undetermined {
			return api.Undetermined
		}
		return api.Base(resp.Language)
	})[0]
	t.Logf("%d word pairs: accuracy %.1f%%, precision %.1f%%, abstention %.1f%%", res.Texts, res.Accuracy, res.Precision, res.Abstention)
	// Far below the measured figures (docs/detect.md), so that only a
	// real regression fails.
	if res.Accuracy < 80 || res.Precision < 93 {
		t.Errorf("accuracy %.1f%%, precision %.1f%%: the defaults have regressed", res.Accuracy, res.Precision)
	}
}
