package quality

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
)

// benchRequests are the views scored in the benchmarks: typical chat
// messages, good and bad, and one long message (about 900 characters),
// the worst case for the text signals.
var benchRequests = func() []api.QualityRequest {
	long := strings.Repeat("The quarterly report is ready, please review the numbers in section 3 before Friday. ", 10)
	longEs := strings.Repeat("El informe trimestral está listo, revisa las cifras de la sección 3 antes del viernes. ", 10)
	return []api.QualityRequest{
		{Source: enSource, Translation: esGood, SourceLang: "en", TargetLang: "es", Backend: "ollama"},
		{Source: enSource, Translation: "Thank you for helping me yesterday, I will see you at the office tomorrow.", SourceLang: "en", TargetLang: "es", Backend: "ollama"},
		{Source: enSource, Translation: "Sure! Here is the translation: " + esGood, SourceLang: "en", TargetLang: "es", Backend: "ollama"},
		{Source: enSource, Translation: "谢谢你昨天的帮助，明天办公室见。", SourceLang: "en", TargetLang: "zh", Backend: "ollama"},
		{Source: "@maria the deploy of v2 is at 15:30, see https://status.example.com/deploy 🚀 {name}", Translation: "@maria el despliegue de v2 es a las 15:30, mira https://status.example.com/deploy 🚀 {name}",
			SourceLang: "en", TargetLang: "es", Backend: "apertium", Protect: []string{"v2"}, Terms: []api.TermHint{{Source: "deploy", Target: "despliegue"}}},
		{Source: long, Translation: longEs, SourceLang: "en", TargetLang: "es", Backend: "ollama"},
	}
}()

// latency runs op b.N times, one at a time, and reports the median and
// 99th percentile per view (the budget is a median of 1 ms).
func latency(b *testing.B, op func(i int) error) {
	b.Helper()
	d := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkScore scores views in process: "signals" without a detector
// (every text signal), "lingua" with the detect service's lingua models in
// process.
func BenchmarkScore(b *testing.B) {
	run := func(b *testing.B, det Detector) {
		scorer := NewScorer(det, defaults, nil)
		ctx := context.Background()
		for _, r := range benchRequests { // load models outside the timing
			if _, err := scorer.Score(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
		latency(b, func(i int) error {
			_, err := scorer.Score(ctx, benchRequests[i%len(benchRequests)])
			return err
		})
	}
	b.Run("signals", func(b *testing.B) { run(b, nil) })
	b.Run("lingua", func(b *testing.B) { run(b, newLingua(b)) })
}

// BenchmarkService scores views through the quality service over an
// embedded NATS server, as the pipeline does: "no-detect" with detect not
// running (the language signal is skipped after a no-responders reply),
// "detect" with the real detect service (lingua, preloaded) on the same
// server. The judge is off.
func BenchmarkService(b *testing.B) {
	run := func(b *testing.B, withDetect bool) {
		s := natstest.RunServer(b)
		if withDetect {
			start(b, s, detect.Start, map[string]string{"DETECT_LANGUAGES": strings.Join(testLanguages, ","), "DETECT_PRELOAD": "true"})
		}
		start(b, s, Start, map[string]string{"QUALITY_DETECT_TIMEOUT": "20s"})
		q := client.Quality{NC: natstest.Conn(b, s)}
		ctx := context.Background()
		for _, r := range benchRequests {
			if _, err := q.Score(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
		latency(b, func(i int) error {
			_, err := q.Score(ctx, benchRequests[i%len(benchRequests)])
			return err
		})
	}
	b.Run("no-detect", func(b *testing.B) { run(b, false) })
	b.Run("detect", func(b *testing.B) { run(b, true) })
}
