package deploy_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/deploy/cluster"
	"github.com/parley-chat/parley/deploy/loadgen"
	"github.com/parley-chat/parley/shared/fakellm"
)

// llmLatency is the fake model's time per translation in the throughput
// benchmark: each translate replica fronts one model slot
// (OLLAMA_CONCURRENCY=1), as a replica fronting its own GPU would, so the
// model is the bottleneck and a second replica doubles the capacity.
const llmLatency = 40 * time.Millisecond

// BenchmarkClusterThroughput measures views per second through the
// gateways of a loopback cluster (3 NATS nodes, one process of every
// service) with 1 and then 2 replicas of translate, the bottleneck, under
// a closed-loop load of 16 clients with unique texts (every view a cache
// miss). make bench divides replicas-2 by replicas-1 (target: at least
// 1.6x where cores allow; docs/deploy.md says what 2 cores allow).
func BenchmarkClusterThroughput(b *testing.B) {
	ctx := b.Context()
	root, dir, natsServer, core := buildCluster(b, true)
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprintf("replicas-%d", n), func(b *testing.B) {
			llm := fakellm.StartOllama(b, fakellm.Config{Translator: func(r fakellm.Request) (string, error) {
				time.Sleep(llmLatency)
				return loadgen.FakeTranslation(loadgen.Corpus, r.Data()), nil
			}})
			reps := map[string]int{}
			for _, s := range core {
				reps[s] = 1
			}
			reps["translate"] = n
			c, err := cluster.Start(ctx, cluster.Config{
				Dir: b.TempDir(), Bin: dir, NATSServer: natsServer, Services: core, Replicas: reps,
				NATSConf: filepath.Join(root, "deploy", "nats", "nats.conf"),
				Env: map[string]string{
					"OLLAMA_HOST": llm.URL(), "OLLAMA_MODEL": "qwen2.5:3b", "TRANSLATE_CHAIN": "ollama",
					"OLLAMA_CONCURRENCY": "1", "DETECT_LANGUAGES": "en,es,fr,de", "DETECT_PRELOAD": "true",
					"GLOSSARY_DIR": filepath.Join(root, "glossaries"),
				},
			})
			if err != nil {
				b.Fatal(err)
			}
			defer c.Stop()
			views := closedLoop(ctx, c.Gateways(), 16, 2*time.Second, 8*time.Second)
			b.ReportMetric(views, "views/s")
			b.ReportMetric(1/llmLatency.Seconds()*float64(n), "model-limit/s")
		})
	}
}

// closedLoop runs clients that each send a view as soon as the previous
// one answered, and returns the completed views per second after warmup.
func closedLoop(ctx context.Context, gateways []string, clients int, warmup, measure time.Duration) float64 {
	var (
		done    atomic.Int64
		counter atomic.Int64
		wg      sync.WaitGroup
	)
	src := loadgen.Translations(loadgen.Corpus, true)
	start := time.Now()
	end := start.Add(warmup + measure)
	for i := range clients {
		wg.Go(func() {
			for time.Now().Before(end) && ctx.Err() == nil {
				n := int(counter.Add(1))
				req := src(n)
				_, err := postView(ctx, gateways[(i+n)%len(gateways)], string(req.Body))
				if err == nil && time.Since(start) > warmup && time.Now().Before(end) {
					done.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return float64(done.Load()) / measure.Seconds()
}
