package translate_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/fakellm"
)

// groupChat is one conversation: messages from senders writing in a few
// languages, each read by every reader in the reader's locale, through two
// translate replicas on one NATS server.
type groupChat struct {
	readers, messages int
	locales           []string
	clients           int // concurrent requests in flight
}

// groupChatResult is what one run cost.
type groupChatResult struct {
	requests, pairs, calls int
	coalesced, cached      int64
	elapsed                time.Duration
}

var senderLanguages = []string{"en", "es", "fr"}

func (g groupChat) run(tb testing.TB) groupChatResult {
	tb.Helper()
	ol := fakellm.StartOllama(tb, fakellm.Config{Translator: fakellm.Scramble()})
	workers := fmt.Sprint(g.clients)
	nc := startReplicas(tb, 2, map[string]string{
		"TRANSLATE_CHAIN": "ollama", "OLLAMA_HOST": ol.URL(),
		"TRANSLATE_WORKERS": workers, "TRANSLATE_QUEUE": fmt.Sprint(4 * g.clients),
		"OLLAMA_CONCURRENCY": "8", "OLLAMA_QUEUE": fmt.Sprint(4 * g.clients),
	})
	c := client.Translate{NC: nc}
	ctx, cancel := context.WithTimeout(tb.Context(), 10*time.Minute)
	defer cancel()

	var res groupChatResult
	var coalesced, cached atomic.Int64
	jobs := make(chan api.TranslateRequest)
	var wg sync.WaitGroup
	for range g.clients {
		wg.Go(func() {
			for req := range jobs {
				resp, err := c.Translate(ctx, req)
				if err != nil {
					tb.Errorf("%s>%s: %v", req.Source, req.Target, err)
					continue
				}
				same := api.Base(req.Source) == api.Base(req.Target)
				if same != (resp.Status == api.StatusOriginal) {
					tb.Errorf("%s>%s: %+v", req.Source, req.Target, resp)
				}
				switch resp.Cache {
				case api.CacheCoalesced:
					coalesced.Add(1)
				case api.CacheMemory, api.CacheShared:
					cached.Add(1)
				}
			}
		})
	}
	start := time.Now()
	for m := range g.messages {
		source := senderLanguages[m%len(senderLanguages)]
		text := fmt.Sprintf("Message %d from user%d: the deploy of build %d is done, please check the dashboard.", m, m%17, m)
		for _, l := range g.locales {
			if api.Base(l) != source {
				res.pairs++
			}
		}
		// Every reader opens the message at about the same time.
		for r := range g.readers {
			jobs <- api.TranslateRequest{Text: text, Source: source, Target: g.locales[r%len(g.locales)],
				ConversationID: "group", MessageID: fmt.Sprint(m)}
			res.requests++
		}
	}
	close(jobs)
	wg.Wait()
	res.elapsed = time.Since(start)
	res.calls = len(ol.Requests())
	res.coalesced, res.cached = coalesced.Load(), cached.Load()
	return res
}

// Every (message, locale) pair costs exactly one backend call, whichever
// of the two replicas each reader's request lands on.
func TestGroupChatOneCallPerMessageAndLocale(t *testing.T) {
	g := groupChat{readers: 60, messages: 12, locales: []string{"en", "es", "fr", "de"}, clients: 32}
	res := g.run(t)
	if res.calls != res.pairs {
		t.Fatalf("%d backend calls for %d unique (message, locale) pairs", res.calls, res.pairs)
	}
	t.Logf("%d requests, %d pairs, %d calls, %d coalesced, %d cached", res.requests, res.pairs, res.calls, res.coalesced, res.cached)
}

// BenchmarkGroupChat: one conversation, 1,000 readers across 8 locales,
// 200 messages, two replicas. Backend calls must equal the unique
// (message, locale) pairs.
func BenchmarkGroupChat(b *testing.B) {
	g := groupChat{readers: 1000, messages: 200, locales: []string{"en", "es", "fr", "de", "it", "pt", "nl", "pl"}, clients: 128}
	for b.Loop() {
		res := g.run(b)
		if res.calls != res.pairs {
			b.Fatalf("%d backend calls for %d unique (message, locale) pairs", res.calls, res.pairs)
		}
		b.ReportMetric(float64(res.requests), "requests")
		b.ReportMetric(float64(res.pairs), "pairs")
		b.ReportMetric(float64(res.calls), "backend-calls")
		b.ReportMetric(float64(res.coalesced), "coalesced")
		b.ReportMetric(float64(res.cached), "cached")
		b.ReportMetric(float64(res.requests)/res.elapsed.Seconds(), "requests/s")
	}
}
