package suite_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/llmhttp"
)

// skeleton is a view's message pattern without the work: the requests and
// replies of every hop, in the pipeline's order and with its payload sizes,
// between responders that do nothing but pass bytes on, one NATS
// connection each as the services have. Translate's responder writes to a
// file-backed JetStream stream before and after the model call (the claim
// and the stored result) and posts to an HTTP server with a fixed answer;
// quality's asks detect; safety runs alongside quality. Its median is the
// floor of what any implementation of this architecture can reach on the
// machine: docs/deploy.md compares it with raw and with the pipeline.
//
// The without fields leave parts of the pattern out, to measure what an
// architecture with fewer steps in sequence could gain at most: no
// glossary prepare hop, no detect hop behind quality, no claim written
// before the model call.
type skeleton struct {
	nc                                          *nats.Conn
	withoutPrepare, withoutDetect, withoutClaim atomic.Bool
}

// Payload sizes of one view's hops, as measured on the suite (requests,
// then replies).
var skeletonSizes = map[string][2]int{
	"prepare": {67, 113}, "translate": {105, 166}, "quality": {165, 1037}, "detect": {39, 156}, "safety": {124, 258},
}

func startSkeleton(b *testing.B, natsAddr string) *skeleton {
	b.Helper()
	connect := func() *nats.Conn {
		nc, err := nats.Connect("nats://" + natsAddr)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(nc.Close)
		return nc
	}
	payload := func(hop string, i int) []byte { return bytes.Repeat([]byte{'x'}, skeletonSizes[hop][i]) }

	// The model: a fixed completion over a kept-alive connection, with a
	// request body the size of the translate prompt.
	answer := payload("translate", 1)
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answer)
	}))
	b.Cleanup(model.Close)
	hc := llmhttp.NewClient()
	prompt := bytes.Repeat([]byte{'p'}, 1300)

	tnc := connect()
	js, err := jetstream.New(tnc)
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: "BENCH_SKELETON", Subjects: []string{"bench.skel.store.>"}, Storage: jetstream.FileStorage,
		MaxMsgsPerSubject: 1, MaxAge: time.Hour,
	}); err != nil {
		b.Fatal(err)
	}
	skel := &skeleton{nc: connect()}
	var n int
	responders := map[string]struct {
		nc *nats.Conn
		fn func(m *nats.Msg) []byte
	}{
		"prepare": {connect(), func(*nats.Msg) []byte { return payload("prepare", 1) }},
		"detect":  {connect(), func(*nats.Msg) []byte { return payload("detect", 1) }},
		"safety":  {connect(), func(*nats.Msg) []byte { return payload("safety", 1) }},
		"translate": {tnc, func(*nats.Msg) []byte {
			n++
			if !skel.withoutClaim.Load() {
				subj := "bench.skel.store." + strconv.Itoa(n)
				if _, err := js.Publish(ctx, subj, payload("translate", 0)); err != nil {
					b.Error(err)
				}
			}
			res, err := hc.Post(model.URL, "application/json", bytes.NewReader(prompt))
			if err != nil {
				b.Error(err)
				return nil
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			return answer
		}},
	}
	qnc := connect()
	responders["quality"] = struct {
		nc *nats.Conn
		fn func(m *nats.Msg) []byte
	}{qnc, func(*nats.Msg) []byte {
		if skel.withoutDetect.Load() {
			return payload("quality", 1)
		}
		if _, err := qnc.Request("bench.skel.detect", payload("detect", 0), 5*time.Second); err != nil {
			b.Error(err)
		}
		return payload("quality", 1)
	}}
	for hop, r := range responders {
		if _, err := r.nc.Subscribe("bench.skel."+hop, func(m *nats.Msg) {
			_ = m.Respond(r.fn(m))
			if hop == "translate" {
				// The stored result, after the reply as translate does it.
				if _, err := js.Publish(ctx, "bench.skel.store."+strconv.Itoa(n), answer); err != nil {
					b.Error(err)
				}
			}
		}); err != nil {
			b.Fatal(err)
		}
		if err := r.nc.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	return skel
}

// view sends one view's hops: prepare, translate, then quality and safety
// at once.
func (s *skeleton) view(ctx context.Context) error {
	req := func(hop string) error {
		_, err := s.nc.RequestWithContext(ctx, "bench.skel."+hop, bytes.Repeat([]byte{'x'}, skeletonSizes[hop][0]))
		return err
	}
	if !s.withoutPrepare.Load() {
		if err := req("prepare"); err != nil {
			return err
		}
	}
	if err := req("translate"); err != nil {
		return err
	}
	var wg sync.WaitGroup
	var safetyErr error
	wg.Go(func() { safetyErr = req("safety") })
	err := req("quality")
	wg.Wait()
	if err != nil {
		return err
	}
	return safetyErr
}
