package suite_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway/suite"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
	"github.com/parley-chat/parley/shared/pipeline"
)

// BenchmarkPipelineOverhead measures what Parley adds to a view: the whole
// pipeline (detect when asked, glossary prepare, translate through an LLM
// backend, glossary verify, quality, safety), every hop over NATS, with an
// instant fake model and a text that misses every cache; against the raw
// NATS request/reply of the same server in the same run ("raw", the
// baseline make bench divides by). Each reports its median (ns/median):
// the target is pipeline <= 1 ms and <= 10x raw (docs/deploy.md).
//
// It runs once per LLM backend because their client libraries cost very
// different amounts: github.com/ollama/ollama/api allocates an 8 MiB
// scanner buffer for every chat call (api/client.go, maxBufferSize), which
// dominates the Ollama figure through allocation and GC; openai-go does not.
//
// "skeleton" is the pipeline's message pattern with responders that do no
// work (skeleton_bench_test.go): the floor any implementation of this
// architecture could reach on the machine; "skeleton-no-..." leave steps
// out of it, the floor of an architecture without them.
func BenchmarkPipelineOverhead(b *testing.B) {
	for _, backend := range []string{"openai", "ollama"} {
		b.Run(backend, func(b *testing.B) { benchOverhead(b, backend) })
	}
}

// startOverheadSuite starts the whole suite with an instant fake model
// behind backend and returns a connection to its NATS server and the
// server's address.
func startOverheadSuite(b *testing.B, backend string) (*nats.Conn, string) {
	b.Helper()
	translator := func(r fakellm.Request) (string, error) {
		return "Hola, ¿cómo estás hoy? " + lastWord(r.Data()), nil
	}
	natsAddr, gwAddr := benchFreeAddr(b), benchFreeAddr(b)
	_, natsPort, _ := net.SplitHostPort(natsAddr)
	_, file, _, _ := runtime.Caller(0)
	vars := map[string]string{
		"PARLEY_NATS_PORT": natsPort, "PARLEY_STATE_DIR": b.TempDir(), "GATEWAY_ADDR": gwAddr,
		"TRANSLATE_CHAIN":  backend,
		"GLOSSARY_DIR":     filepath.Join(filepath.Dir(file), "..", "..", "..", "glossaries"),
		"DETECT_LANGUAGES": "en,es,fr,de", "DETECT_PRELOAD": "true", "LOG_LEVEL": "error",
	}
	switch backend {
	case "ollama":
		fake := fakellm.StartOllama(b, fakellm.Config{Translator: translator, KeepRequests: 16})
		vars["OLLAMA_HOST"], vars["OLLAMA_MODEL"] = fake.URL(), "qwen2.5:3b"
	case "openai":
		fake := fakellm.StartOpenAI(b, fakellm.Config{Translator: translator, APIKey: "sk-bench", KeepRequests: 16})
		vars["OPENAI_BASE_URL"], vars["OPENAI_API_KEY"] = fake.BaseURL(), "sk-bench"
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- suite.Run(ctx, func(k string) string { return vars[k] }, &syncBuffer{}) }()
	b.Cleanup(func() {
		cancel()
		<-done
	})
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, err := http.Get("http://" + gwAddr + "/readyz?all")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			b.Fatalf("suite not ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	nc, err := nats.Connect("nats://" + natsAddr)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(nc.Close)
	return nc, natsAddr
}

func benchOverhead(b *testing.B, backend string) {
	nc, natsAddr := startOverheadSuite(b, backend)
	ctx := b.Context()
	p := &pipeline.Pipeline{
		Detect: client.Detect{NC: nc}, Translate: client.Translate{NC: nc}, Glossary: client.Glossary{NC: nc},
		Quality: client.Quality{NC: nc}, Safety: client.Safety{NC: nc},
	}
	// The raw baseline: an echo responder on the same server.
	echo, err := nats.Connect("nats://" + natsAddr)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(echo.Close)
	if _, err := echo.Subscribe("bench.echo", func(m *nats.Msg) { _ = m.Respond(m.Data) }); err != nil {
		b.Fatal(err)
	}
	if err := echo.Flush(); err != nil {
		b.Fatal(err)
	}
	// Warm up: the detect models finish loading in the background after
	// the suite is ready, and every connection and pool fills on first use.
	for i := range 200 {
		rctx, rcancel := context.WithTimeout(ctx, 10*time.Second)
		_, err := p.Run(rctx, pipeline.Request{Text: "Warming up " + strconv.Itoa(i), Target: "es"})
		rcancel()
		if err != nil {
			b.Fatalf("warm-up: %v", err)
		}
	}
	n := 0
	view := func(source string) func(b *testing.B) {
		return func(b *testing.B) {
			// The whole suite runs in this process: its CPU time per view
			// is what a view costs every service, NATS server included.
			timeEach(b, true, func() error {
				n++
				// A new number each time: no cache (translate's, or any
				// other) has seen this text.
				req := pipeline.Request{Text: "Hello, how are you today? " + strconv.Itoa(n), Source: source, Target: "es"}
				rctx, rcancel := context.WithTimeout(ctx, 10*time.Second)
				defer rcancel()
				v, err := p.Run(rctx, req)
				if err != nil {
					return err
				}
				if v.Status != api.StatusTranslated || v.Backend != backend || v.Cache == "hit" {
					return fmt.Errorf("not a fresh translation by %s: %+v", backend, v)
				}
				return nil
			})
		}
	}
	b.Run("raw", func(b *testing.B) {
		payload := []byte(`{"text":"Hello, how are you today?","source":"en","target":"es"}`)
		timeEach(b, false, func() error {
			_, err := nc.Request("bench.echo", payload, 5*time.Second)
			return err
		})
	})
	skel := startSkeleton(b, natsAddr)
	// The skeleton, then the skeleton with steps left out in turn: the
	// most that fewer steps in sequence could gain (docs/deploy.md).
	for _, v := range []struct {
		name                   string
		prepare, detect, claim bool
	}{
		{"skeleton", true, true, true},
		{"skeleton-no-detect", true, false, true},
		{"skeleton-no-prepare-detect", false, false, true},
		{"skeleton-no-prepare-detect-claim", false, false, false},
	} {
		b.Run(v.name, func(b *testing.B) {
			skel.withoutPrepare.Store(!v.prepare)
			skel.withoutDetect.Store(!v.detect)
			skel.withoutClaim.Store(!v.claim)
			timeEach(b, true, func() error { return skel.view(ctx) })
		})
	}
	b.Run("pipeline", view("en"))
	b.Run("pipeline-detect", view(""))
}

// timeEach runs op b.N times, failing on its first error, and reports the
// median latency (ns/median) and, with cpu, the process's CPU time per
// op (cpu-ns/op).
func timeEach(b *testing.B, cpu bool, op func() error) {
	b.Helper()
	lat := make([]time.Duration, 0, b.N)
	cpu0 := processCPU()
	for b.Loop() {
		t0 := time.Now()
		err := op()
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
	}
	if cpu {
		b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(len(lat)), "cpu-ns/op")
	}
	reportMedian(b, lat)
}

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportMedian(b *testing.B, lat []time.Duration) {
	b.Helper()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "ns/median")
}

func lastWord(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return s[i+1:]
		}
	}
	return s
}

func benchFreeAddr(b *testing.B) string {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr())
}
