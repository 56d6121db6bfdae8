package quality

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/quality/metrics"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/pipeline"
	"github.com/parley-chat/parley/shared/service"
)

// Runner runs test sets through the live pipeline: shared/pipeline in
// this process, every service behind NATS, exactly as the gateway builds
// views.
type Runner struct {
	NC *nats.Conn
	// Concurrency is the number of segments in flight (default 4).
	// Latency percentiles are measured under this load.
	Concurrency int
	// Timeout bounds one segment's view (default 60s).
	Timeout time.Duration
	Log     *slog.Logger
	// Warmup, when set, first sends the first segment of each language
	// pair once, untimed and unreported, so that percentiles measure the
	// steady state rather than engines starting (an Apertium pair's first
	// request starts its processes; an LLM's first request loads the model).
	Warmup bool
	// Progress, when set, is called after each segment.
	Progress func(done, total int)
}

// Run is one config's pass over a test set.
type Run struct {
	Config Config `json:"config"`
	// Exclude are the rungs skipped on every request.
	Exclude []string `json:"exclude,omitempty"`
	// Chain is the backend chain as translate reported it.
	Chain      []api.BackendInfo `json:"chain,omitempty"`
	StartedAt  time.Time         `json:"started_at"`
	DurationMS int64             `json:"duration_ms"`
	Summary    Summary           `json:"summary"`
	Segments   []SegmentResult   `json:"segments"`
}

// SegmentResult is what happened to one segment.
type SegmentResult struct {
	ID         string   `json:"id"`
	SourceLang string   `json:"source_lang"`
	TargetLang string   `json:"target_lang"`
	Source     string   `json:"source"`
	References []string `json:"references"`
	Tags       []string `json:"tags,omitempty"`
	// Hypothesis is the text the reader would see: the translation, or the
	// original when no translation was served, or "" on an error.
	Hypothesis string   `json:"hypothesis"`
	Status     string   `json:"status,omitempty"`
	Backend    string   `json:"backend,omitempty"`
	Model      string   `json:"model,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	Error      string   `json:"error,omitempty"`
	Degraded   []string `json:"degraded,omitempty"`
	// PromptID and PromptVersion are the template an LLM rendered for
	// the served translation: the registry counts a segment as a prompt
	// version's only when they name it.
	PromptID      string `json:"prompt_id,omitempty"`
	PromptVersion int    `json:"prompt_version,omitempty"`
	// Sentence-level metrics against the references.
	ChrF   float64 `json:"chrf"`
	ChrFPP float64 `json:"chrfpp"`
	BLEU   float64 `json:"bleu"`
	// QE is the quality service's score of the served translation (nil
	// when none was scored).
	QE       *float64 `json:"qe,omitempty"`
	Decision string   `json:"decision,omitempty"`
	// ServiceGlossary is the glossary service's compliance for the view.
	ServiceGlossary *float64     `json:"service_glossary,omitempty"`
	Entities        EntityCheck  `json:"entities"`
	Terms           *TermCheck   `json:"terms,omitempty"`
	Obeyed          []string     `json:"obeyed,omitempty"`
	LatencyMS       float64      `json:"latency_ms"`
	Calls           BackendCalls `json:"calls"`
}

// BackendCalls counts what one segment cost the translate service.
type BackendCalls struct {
	// Requests is the number of translate requests the pipeline made
	// (more than one when quality rejected a translation).
	Requests int `json:"requests"`
	// Backends counts backend invocations per rung: rungs that produced a
	// translation or failed (with the retries a failed attempt reports),
	// not rungs skipped without a call.
	Backends map[string]int `json:"backends,omitempty"`
	// Rejected counts translations quality estimation rejected.
	Rejected int `json:"rejected,omitempty"`
}

// Run runs every segment of set under cfg and summarises the results.
func (r *Runner) Run(ctx context.Context, set *TestSet, cfg Config) (*Run, error) {
	if r.NC == nil {
		return nil, errors.New("quality: Runner needs a NATS connection")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := r.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	run := &Run{Config: cfg.Redacted(), StartedAt: time.Now().UTC()}
	lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	langs, err := client.Translate{NC: r.NC}.Languages(lctx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("ask translate for its chain: %w", err)
	}
	run.Chain = langs.Backends
	var names []string
	for _, b := range langs.Backends {
		names = append(names, b.Name)
	}
	if run.Exclude, err = cfg.exclusions(names); err != nil {
		return nil, err
	}
	p := &pipeline.Pipeline{
		Detect:    client.Detect{NC: r.NC},
		Translate: countingTranslator{next: client.Translate{NC: r.NC}, exclude: run.Exclude, prompt: cfg.Prompt},
		Glossary:  client.Glossary{NC: r.NC},
		Quality:   client.Quality{NC: r.NC},
		Safety:    client.Safety{NC: r.NC},
		Log:       log,
	}
	workers := r.Concurrency
	if workers <= 0 {
		workers = 4
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	if r.Warmup {
		warmed := map[string]bool{}
		for _, seg := range set.Segments {
			if warmed[seg.Pair()] {
				continue
			}
			warmed[seg.Pair()] = true
			wctx, cancel := context.WithTimeout(ctx, timeout)
			_, _ = p.Run(wctx, pipeline.Request{Text: seg.Source, Source: seg.SourceLang, Target: seg.TargetLang, Glossary: seg.Glossary})
			cancel()
		}
	}
	run.Segments = make([]SegmentResult, len(set.Segments))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				run.Segments[i] = r.segment(ctx, p, cfg, set.Segments[i], timeout)
				if r.Progress != nil {
					mu.Lock()
					done++
					r.Progress(done, len(set.Segments))
					mu.Unlock()
				}
			}
		})
	}
	start := time.Now()
feed:
	for i := range set.Segments {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("run %s: %w", cfg.Name, err)
	}
	run.DurationMS = time.Since(start).Milliseconds()
	run.Summary = Summarize(run.Segments)
	return run, nil
}

func (r *Runner) segment(ctx context.Context, p *pipeline.Pipeline, cfg Config, seg Segment, timeout time.Duration) SegmentResult {
	res := SegmentResult{
		ID: seg.ID, SourceLang: seg.SourceLang, TargetLang: seg.TargetLang,
		Source: seg.Source, References: seg.References, Tags: seg.Tags,
	}
	calls := &BackendCalls{}
	ctx = context.WithValue(ctx, callsKey{}, calls)
	ctx = service.WithRequestID(ctx, "eval-"+cfg.Name+"-"+seg.ID)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	v, err := p.Run(ctx, pipeline.Request{Text: seg.Source, Source: seg.SourceLang, Target: seg.TargetLang, Glossary: seg.Glossary})
	res.LatencyMS = float64(time.Since(start).Microseconds()) / 1000
	res.Calls = *calls
	if err != nil {
		res.Error = err.Error()
	} else {
		res.Hypothesis = v.Text
		res.Status, res.Backend, res.Model, res.Reason, res.Degraded = v.Status, v.Backend, v.Model, v.Reason, v.Degraded
		res.PromptID, res.PromptVersion = v.PromptID, v.PromptVersion
		if v.Quality != nil && v.Status == api.StatusTranslated {
			q := v.Quality.Score
			res.QE, res.Decision = &q, v.Quality.Decision
		}
		if v.Glossary != nil {
			g := v.Glossary.Compliance
			res.ServiceGlossary = &g
		}
	}
	score(&res, seg)
	return res
}

// score fills the sentence metrics and checks of a result.
func score(res *SegmentResult, seg Segment) {
	res.ChrF = metrics.ChrF().Sentence(res.Hypothesis, seg.References).Score
	res.ChrFPP = metrics.ChrFPP().Sentence(res.Hypothesis, seg.References).Score
	res.BLEU = metrics.SentenceBLEU().Sentence(res.Hypothesis, seg.References).Score
	res.Entities = CheckEntities(segmentEntities(seg), res.Hypothesis)
	if len(seg.Terms) > 0 {
		tc := CheckTerms(seg.Terms, res.Hypothesis)
		res.Terms = &tc
	}
	if len(seg.Forbidden) > 0 {
		res.Obeyed = obeyed(seg.Forbidden, res.Hypothesis)
	}
}

type callsKey struct{}

// countingTranslator adds the config's exclusions and prompt to every
// translate request and counts, per segment (through the context), the
// requests and the backend invocations their answers report.
type countingTranslator struct {
	next    pipeline.Translator
	exclude []string
	prompt  string
}

// Translate forwards one request with the exclusions and prompt added,
// and counts.
func (c countingTranslator) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	req.Exclude = append(append([]string(nil), req.Exclude...), c.exclude...)
	if c.prompt != "" {
		req.Prompt = c.prompt
	}
	resp, err := c.next.Translate(ctx, req)
	calls, _ := ctx.Value(callsKey{}).(*BackendCalls)
	if calls == nil {
		return resp, err
	}
	calls.Requests++
	if calls.Requests > 1 {
		// The pipeline only asks again after quality rejected the answer.
		calls.Rejected++
	}
	if err != nil {
		return resp, err
	}
	count := func(backend string) {
		if calls.Backends == nil {
			calls.Backends = map[string]int{}
		}
		calls.Backends[backend]++
	}
	for _, a := range resp.Attempts {
		if !strings.HasPrefix(a.Error, "skipped:") {
			count(a.Backend)
			calls.Backends[a.Backend] += a.Retries
		}
	}
	if resp.Status == api.StatusTranslated {
		count(resp.Backend)
	}
	return resp, nil
}
