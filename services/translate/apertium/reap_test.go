package apertium

import (
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate/backend"
)

// translateCase translates one request of c with e and checks it against
// the command line (the route's first mode for a direct one).
func translateCase(t *testing.T, e *Engine, c pairCase) {
	t.Helper()
	got, err := e.TranslateDetail(t.Context(), backend.Request{Text: c.text, Source: c.source, Target: c.target})
	if err != nil {
		t.Fatalf("Translate %s>%s (%q): %v", c.source, c.target, c.text, err)
	}
	if got.Mode != c.mode {
		t.Fatalf("Translate %s>%s: mode %s, want %s", c.source, c.target, got.Mode, c.mode)
	}
	if !isPivot(c.mode) {
		if want := expected(t, c.mode, c.text); got.Text != want {
			t.Fatalf("Translate(%q) = %q, want %q (apertium -u %s)", c.text, got.Text, want, c.mode)
		}
	}
}

func isPivot(mode string) bool {
	for _, r := range mode {
		if r == '+' {
			return true
		}
	}
	return false
}

// running returns the names of the modes with running programs.
func running(e *Engine) []string {
	var out []string
	for _, p := range e.poolList() {
		if slices.ContainsFunc(p.all, (*pipeline).live) {
			out = append(out, p.mode.name)
		}
	}
	slices.Sort(out)
	return out
}

var (
	enEs = pairCase{"eng-spa", "en", "es", "Hello, how are you?"}
	esEn = pairCase{"spa-eng", "es", "en", "Me gusta mucho leer libros en la biblioteca."}
	esPt = pairCase{"es-pt", "es", "pt", "Los niños juegan en el parque."}
	enPt = pairCase{"eng-spa+es-pt", "en", "pt", "The cat sat on the mat with the dog."}
)

func TestIdlePipelinesStopAndRestart(t *testing.T) {
	// Room for a busy machine: spa-eng's cold start below, and each
	// request of the loop, must end well within it.
	const idle = 2 * time.Second
	e := newEngine(t, Config{Pairs: []string{"eng-spa", "spa-eng"}, IdleTimeout: idle, MaxPairs: -1}, "eng-spa", "spa-eng")
	// The reference translations first: each runs the command line, which
	// takes longer than the timeout.
	expected(t, enEs.mode, enEs.text)
	expected(t, esEn.mode, esEn.text)

	translateCase(t, e, enEs)
	pl := firstPipeline(t, e, "eng-spa")
	old := pl.pids()
	if s := e.Stats(); s.Modes != 1 || s.Pipelines != 1 || s.Processes != len(old) || len(old) == 0 {
		t.Fatalf("Stats after one request = %+v, want 1 mode, 1 pipeline, %d programs", s, len(old))
	}

	// A mode in use is never idle: requests closer together than the
	// timeout keep the same programs.
	translateCase(t, e, esEn)
	translateCase(t, e, enEs)
	for end := time.Now().Add(3 * idle); time.Now().Before(end); {
		time.Sleep(idle / 3)
		translateCase(t, e, enEs)
	}
	if n := pl.startCount(); n != 1 {
		t.Fatalf("eng-spa started %d times while in use, want 1", n)
	}

	// Both stop once idle, every program reaped.
	spaEng := firstPipeline(t, e, "spa-eng").pids()
	waitFor(t, "idle pipelines stopped", func() bool { return e.Stats().Pipelines == 0 })
	for _, pid := range append(old, spaEng...) {
		if !processGone(pid) {
			t.Errorf("program %d of an idle pipeline is still there", pid)
		}
	}
	if s := e.Stats(); s.Modes != 0 || s.Processes != 0 || s.Stops[StopIdle] != 2 || s.Stops[StopEvicted] != 0 {
		t.Errorf("Stats after idling = %+v, want nothing running and 2 idle stops", s)
	}

	// The next request starts it again and is answered as before.
	translateCase(t, e, enEs)
	if n := pl.startCount(); n != 2 {
		t.Errorf("eng-spa started %d times, want 2 (again after the idle stop)", n)
	}
	if now := pl.pids(); len(now) != len(old) || slices.Contains(old, now[0]) {
		t.Errorf("programs after the restart %v, before %v", now, old)
	}
	if got := running(e); !slices.Equal(got, []string{"eng-spa"}) {
		t.Errorf("running modes %v, want [eng-spa]", got)
	}
}

func TestMaxPairsStopsLeastRecentlyUsed(t *testing.T) {
	tests := []struct {
		name     string
		max      int
		requests []pairCase
		running  []string // modes running after the last request
		evicted  int64
	}{
		{"under the cap", 3, []pairCase{enEs, esEn, esPt}, []string{"eng-spa", "es-pt", "spa-eng"}, 0},
		{"third mode stops the first", 2, []pairCase{enEs, esEn, esPt}, []string{"es-pt", "spa-eng"}, 1},
		{"use keeps a mode", 2, []pairCase{enEs, esEn, enEs, esPt}, []string{"eng-spa", "es-pt"}, 1},
		{"back to a stopped mode", 2, []pairCase{enEs, esEn, esPt, enEs}, []string{"eng-spa", "es-pt"}, 2},
		{"one place serves a pivot", 1, []pairCase{enPt, esEn, enPt}, []string{"es-pt"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, Config{Pairs: []string{"eng-spa", "spa-eng", "es-pt"}, MaxPairs: tt.max, IdleTimeout: -1},
				"eng-spa", "spa-eng", "es-pt")
			for _, c := range tt.requests {
				translateCase(t, e, c)
				if n := e.Stats().Modes; n > tt.max {
					t.Fatalf("after %s, %d modes run, above the cap of %d", c.mode, n, tt.max)
				}
			}
			if got := running(e); !slices.Equal(got, tt.running) {
				t.Errorf("running modes %v, want %v", got, tt.running)
			}
			if s := e.Stats(); s.Stops[StopEvicted] != tt.evicted || s.Stops[StopIdle] != 0 {
				t.Errorf("Stats = %+v, want %d evictions", s, tt.evicted)
			}
		})
	}
}

// TestRequestInFlightNotStopped: neither the idle reaper nor the cap
// stops a pipeline while a request is on it, however long it takes.
func TestRequestInFlightNotStopped(t *testing.T) {
	// Long enough that the pipeline cannot idle out between the first
	// request and the one held in flight.
	const idle = 500 * time.Millisecond
	e := newEngine(t, Config{Pairs: []string{"eng-spa", "spa-eng"}, IdleTimeout: idle, MaxPairs: 1}, "eng-spa", "spa-eng")
	expected(t, enEs.mode, enEs.text)
	expected(t, esEn.mode, esEn.text)
	translateCase(t, e, enEs)
	pl := firstPipeline(t, e, "eng-spa")
	pids := pl.pids()
	// A stopped program holds the request in the pipeline.
	stopped := pids[len(pids)/2]
	if err := syscall.Kill(stopped, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	resumed := false
	defer func() {
		if !resumed {
			syscall.Kill(stopped, syscall.SIGCONT)
		}
	}()
	done := make(chan error, 1)
	go func() {
		_, err := e.Translate(t.Context(), backend.Request{Text: enEs.text, Source: "en", Target: "es"})
		done <- err
	}()
	p, _ := e.pool(e.index[pairKey("en", "es")])
	waitFor(t, "the request to take the pipeline", func() bool { return len(p.free) == 0 })

	// Another mode needs the only place: it goes over the cap rather than
	// cut the request, and stops again once served, the busy mode being
	// the only one it can stop.
	translateCase(t, e, esEn)
	if got := running(e); !slices.Equal(got, []string{"eng-spa"}) {
		t.Errorf("running modes %v, want [eng-spa] (busy, kept; spa-eng stopped after serving)", got)
	}
	if s := e.Stats(); s.Stops[StopEvicted] != 1 {
		t.Errorf("Stats = %+v, want 1 eviction (spa-eng)", s)
	}
	// Many idle timeouts pass.
	time.Sleep(6 * idle)
	select {
	case err := <-done:
		t.Fatalf("request ended while its program was stopped: %v", err)
	default:
	}
	for _, pid := range pids {
		if processGone(pid) {
			t.Fatalf("program %d of the busy pipeline was stopped", pid)
		}
	}
	resumed = true
	if err := syscall.Kill(stopped, syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("request in flight: %v", err)
	}
	if n := pl.startCount(); n != 1 {
		t.Errorf("eng-spa started %d times, want 1 (never cut)", n)
	}
	// Once free, the pipeline idles out like any other.
	waitFor(t, "pipelines stopped once idle", func() bool { return e.Stats().Pipelines == 0 })
}
