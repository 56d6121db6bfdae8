package service_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

type echoReq struct {
	Text string `json:"text"`
}

type echoResp struct {
	Text     string `json:"text"`
	BudgetMS int64  `json:"budget_ms"`
	ReqID    string `json:"req_id"`
}

func TestErrorsCrossTheWire(t *testing.T) {
	s := natstest.RunServer(t)
	nc := natstest.Conn(t, s)
	h := service.JSON(func(ctx context.Context, r *echoReq) (any, error) {
		dl, _ := ctx.Deadline()
		switch r.Text {
		case "bad":
			return nil, api.FieldError(api.CodeInvalidLanguage, "target", "nope")
		case "boom":
			return nil, errors.New("database password is hunter2")
		case "panic":
			panic("handler bug")
		}
		return echoResp{Text: r.Text, BudgetMS: time.Until(dl).Milliseconds(), ReqID: service.RequestID(ctx)}, nil
	})
	for _, workers := range []int{1, 4} {
		srv, err := service.New(nc, service.Config{Name: "echo", Version: "1.0.0"},
			[]service.Endpoint{{Name: "echo", Subject: "test.echo", Handler: h, Workers: workers}},
			service.NewMetrics(prometheus.NewRegistry()), nil)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name     string
			req      any
			wantCode api.Code
		}{
			{"ok", echoReq{Text: "hi"}, ""},
			{"domain error keeps its code and field", echoReq{Text: "bad"}, api.CodeInvalidLanguage},
			{"internal error hides its cause", echoReq{Text: "boom"}, api.CodeInternal},
			{"panic becomes internal error", echoReq{Text: "panic"}, api.CodeInternal},
			{"bad json", "not an object", api.CodeInvalidJSON},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(service.WithRequestID(context.Background(), "req-1"), 3*time.Second)
				defer cancel()
				got, err := client.Call[echoResp](ctx, nc, "test.echo", tt.req)
				if tt.wantCode == "" {
					if err != nil {
						t.Fatalf("unexpected error %v", err)
					}
					if got.Text != "hi" || got.ReqID != "req-1" {
						t.Fatalf("got %+v", got)
					}
					if got.BudgetMS <= 0 || got.BudgetMS > 3000 {
						t.Fatalf("handler budget %dms does not follow the caller's 3s", got.BudgetMS)
					}
					return
				}
				var ae *api.Error
				if !errors.As(err, &ae) || ae.Code != tt.wantCode {
					t.Fatalf("err = %v, want code %s", err, tt.wantCode)
				}
				if tt.wantCode == api.CodeInvalidLanguage && ae.Field != "target" {
					t.Fatalf("field lost: %+v", ae)
				}
				if tt.wantCode == api.CodeInternal && ae.Message != "internal error" {
					t.Fatalf("internal cause leaked: %q", ae.Message)
				}
			})
		}
		// A client that sends bytes that are no UTF-8 (no Go client would:
		// json.Marshal coerces them) gets a 400, not a translation of
		// U+FFFD.
		t.Run("not UTF-8", func(t *testing.T) {
			msg, err := nc.Request("test.echo", []byte("{\"text\":\"hi \xff\xfe there\"}"), 3*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			var body api.ErrorBody
			if msg.Header.Get("Nats-Service-Error-Code") != "400" || json.Unmarshal(msg.Data, &body) != nil || body.Error.Code != api.CodeInvalidUTF8 {
				t.Fatalf("headers %v body %s", msg.Header, msg.Data)
			}
		})
		t.Run("lone surrogate escape", func(t *testing.T) {
			msg, err := nc.Request("test.echo", []byte(`{"text":"hi \ud83d there"}`), 3*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			var body api.ErrorBody
			if msg.Header.Get("Nats-Service-Error-Code") != "400" || json.Unmarshal(msg.Data, &body) != nil || body.Error.Code != api.CodeInvalidUTF8 {
				t.Fatalf("headers %v body %s", msg.Header, msg.Data)
			}
		})
		if err := srv.Stop(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReplyTooLargeIsAnError: an answer over the connection's max_payload
// cannot be sent, and the caller gets an error reply at once instead of
// waiting out its budget for nothing.
func TestReplyTooLargeIsAnError(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	huge := strings.Repeat("x", int(nc.MaxPayload())+1)
	h := service.JSON(func(ctx context.Context, r *echoReq) (any, error) {
		switch r.Text {
		case "huge":
			return echoResp{Text: huge}, nil
		case "huge error":
			return nil, api.FieldError(api.CodeInvalidArgument, "text", "bad text %q", huge)
		}
		return echoResp{Text: r.Text}, nil
	})
	for _, workers := range []int{1, 4} {
		reg := prometheus.NewRegistry()
		srv, err := service.New(nc, service.Config{Name: "big", Version: "1.0.0"},
			[]service.Endpoint{{Name: "big", Subject: "test.big", Handler: h, Workers: workers}},
			service.NewMetrics(reg), nil)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name      string
			text      string
			wantCode  api.Code
			wantField string
		}{
			{"small reply is sent", "hi", "", ""},
			{"reply over max_payload is a 413", "huge", api.CodeBodyTooLarge, ""},
			{"error over max_payload keeps its code", "huge error", api.CodeInvalidArgument, "text"},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/workers=%d", tt.name, workers), func(t *testing.T) {
				// The budget is long so that a missing reply shows as a
				// timeout code, not as a race with the clock.
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				got, err := client.Call[echoResp](ctx, nc, "test.big", echoReq{Text: tt.text})
				if tt.wantCode == "" {
					if err != nil || got.Text != tt.text {
						t.Fatalf("got %+v, %v", got, err)
					}
					return
				}
				var ae *api.Error
				if !errors.As(err, &ae) || ae.Code != tt.wantCode || ae.Field != tt.wantField {
					t.Fatalf("err = %v, want code %s field %q", err, tt.wantCode, tt.wantField)
				}
				if len(ae.Message) > 1024 {
					t.Fatalf("error message of %d bytes", len(ae.Message))
				}
			})
		}
		if err := srv.Stop(); err != nil {
			t.Fatal(err)
		}
		if n := metric(t, reg, "parley_service_requests_total", "code", string(api.CodeBodyTooLarge)); n != 1 {
			t.Fatalf("requests counted as body_too_large = %v, want 1", n)
		}
	}
}

// metric reads the counter or gauge name with label=value from reg,
// summed over its series (0 when absent).
func metric(t *testing.T, reg *prometheus.Registry, name, label, value string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					sum += m.GetCounter().GetValue() + m.GetGauge().GetValue()
				}
			}
		}
	}
	return sum
}

func TestNoResponderIsUnavailable(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	_, err := client.Detect{NC: nc}.Detect(context.Background(), api.DetectRequest{Text: "hola"})
	if api.ErrorCode(err) != api.CodeUnavailable {
		t.Fatalf("err = %v, want unavailable", err)
	}
}

func TestWorkersRunConcurrently(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	const n = 4
	// Every handler waits until all n are in flight: this only completes if
	// the pool really runs n requests at once.
	var arrived sync.WaitGroup
	arrived.Add(n)
	h := func(ctx context.Context, _ []byte) (any, error) {
		arrived.Done()
		done := make(chan struct{})
		go func() { arrived.Wait(); close(done) }()
		select {
		case <-done:
			return map[string]bool{"ok": true}, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	srv, err := service.New(nc, service.Config{Name: "conc", Version: "1.0.0"},
		[]service.Endpoint{{Name: "conc", Subject: "test.conc", Handler: h, Workers: n}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range n {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if _, err := client.Call[map[string]bool](ctx, nc, "test.conc", struct{}{}); err != nil {
				t.Log(err)
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	if failed.Load() != 0 {
		t.Fatalf("%d requests failed", failed.Load())
	}
}

func TestOverloadRejectsAndStopDrains(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	release := make(chan struct{})
	var started atomic.Int32
	h := func(ctx context.Context, _ []byte) (any, error) {
		started.Add(1)
		<-release
		return map[string]bool{"ok": true}, nil
	}
	srv, err := service.New(nc, service.Config{Name: "slow", Version: "1.0.0"},
		[]service.Endpoint{{Name: "slow", Subject: "test.slow", Handler: h, Workers: 2, Queue: 2}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 10
	results := make(chan error, n)
	for range n {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, err := client.Call[map[string]bool](ctx, nc, "test.slow", struct{}{})
			results <- err
		}()
	}
	// 2 running + 2 queued can be accepted; the other 6 must be told at once.
	overloaded := 0
	for range n - 4 {
		err := <-results
		if api.ErrorCode(err) != api.CodeOverloaded {
			t.Fatalf("err = %v, want overloaded", err)
		}
		overloaded++
	}
	close(release)
	for range 4 {
		if err := <-results; err != nil {
			t.Fatalf("accepted request failed: %v", err)
		}
	}
	info := srv.Info()
	if info.Name != "slow" || len(info.Endpoints) != 1 || info.Endpoints[0].Subject != "test.slow" {
		t.Fatalf("info = %+v", info)
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
}

func TestDiscoverable(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	h := func(ctx context.Context, _ []byte) (any, error) { return struct{}{}, nil }
	srv, err := service.New(nc, service.Config{Name: api.ServiceDetect, Version: "1.0.0"},
		[]service.Endpoint{{Name: "detect", Subject: api.SubjectDetect, Handler: h, Workers: 2}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	// Generous: an answer that a busy machine delays past a tight
	// timeout would read as "not discoverable".
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := client.Ping(ctx, nc, api.ServiceDetect); err != nil {
		t.Fatal(err)
	}
	subj, _ := micro.ControlSubject(micro.StatsVerb, api.ServiceDetect, "")
	msg, err := nc.Request(subj, nil, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.Data) == 0 {
		t.Fatal("empty stats")
	}
	if err := client.Ping(ctx, nc, api.ServiceSafety); api.ErrorCode(err) != api.CodeUnavailable {
		t.Fatalf("ping of absent service: %v", err)
	}
}

func TestStopAnswersQueuedRequests(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	release := make(chan struct{})
	var started atomic.Int32
	h := func(ctx context.Context, _ []byte) (any, error) {
		started.Add(1)
		<-release
		return map[string]bool{"ok": true}, nil
	}
	srv, err := service.New(nc, service.Config{Name: "drain", Version: "1.0.0"},
		[]service.Endpoint{{Name: "drain", Subject: "test.drain", Handler: h, Workers: 2, Queue: 4}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 5 // 2 running, 3 queued
	results := make(chan error, n)
	for range n {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, err := client.Call[map[string]bool](ctx, nc, "test.drain", struct{}{})
			results <- err
		}()
	}
	// Wait until both workers are busy and the rest sit in the queue.
	for started.Load() < 2 || queued(t, nc, "drain") < n-2 {
		time.Sleep(5 * time.Millisecond)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- srv.Stop() }()
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	// Every request accepted before Stop got its answer: nothing accepted is lost.
	for range n {
		if err := <-results; err != nil {
			t.Fatalf("accepted request lost at shutdown: %v", err)
		}
	}
}

// queued reads the pool's queue length from $SRV.STATS.
func queued(t *testing.T, nc *nats.Conn, name string) int {
	t.Helper()
	return poolStats(t, nc, name, "").Queued
}

// poolStats reads the PoolStats of service name's endpoint from
// $SRV.STATS ("": its first endpoint).
func poolStats(t *testing.T, nc *nats.Conn, name, endpoint string) service.PoolStats {
	t.Helper()
	subj, _ := micro.ControlSubject(micro.StatsVerb, name, "")
	msg, err := nc.Request(subj, nil, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var stats micro.Stats
	if err := json.Unmarshal(msg.Data, &stats); err != nil || len(stats.Endpoints) == 0 {
		t.Fatalf("stats %s: %v", msg.Data, err)
	}
	i := slices.IndexFunc(stats.Endpoints, func(e *micro.EndpointStats) bool { return endpoint == "" || e.Name == endpoint })
	if i < 0 {
		t.Fatalf("stats %s: no endpoint %q", msg.Data, endpoint)
	}
	var ps service.PoolStats
	if err := json.Unmarshal(stats.Endpoints[i].Data, &ps); err != nil {
		t.Fatalf("pool stats %s: %v", stats.Endpoints[i].Data, err)
	}
	return ps
}
