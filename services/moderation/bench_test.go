package moderation_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/services/moderation/jsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// memStore is an in-memory Store, to measure the service's own work.
type memStore struct {
	mu    sync.Mutex
	cases map[string]*api.Case
}

func (m *memStore) Get(_ context.Context, id string) (*api.Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.cases[id]
	if !ok {
		return nil, api.Errorf(api.CodeNotFound, "no case %q", id)
	}
	cp := *c
	return &cp, nil
}

func (m *memStore) Create(_ context.Context, c *api.Case) (bool, uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.cases[c.ID]; ok {
		return false, 0, nil
	}
	cp := *c
	cp.Revision = 1
	m.cases[c.ID] = &cp
	return true, 1, nil
}

func (m *memStore) Update(_ context.Context, c *api.Case, rev uint64) (uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cases[c.ID].Revision != rev {
		return 0, api.Errorf(api.CodeConflict, "stale")
	}
	cp := *c
	cp.Revision = rev + 1
	m.cases[c.ID] = &cp
	return rev + 1, nil
}

func (m *memStore) Cases() []*api.Case {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*api.Case, 0, len(m.cases))
	for _, c := range m.cases {
		out = append(out, c)
	}
	return out
}

func (m *memStore) Append(context.Context, ...api.AuditEntry) error { return nil }

func (m *memStore) Delete(_ context.Context, id string, _ uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.cases, id)
	return nil
}

func (m *memStore) Audit(context.Context, api.AuditListRequest, int) (*api.AuditListResponse, error) {
	return &api.AuditListResponse{}, nil
}

// BenchmarkList filters and sorts a queue of 10,000 cases (the listing
// runs over each replica's in-memory mirror).
func BenchmarkList(b *testing.B) {
	st := &memStore{cases: map[string]*api.Case{}}
	clk := &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	svc, err := moderation.New(moderation.Config{Store: st, Now: clk.Now})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	targets := []string{"es", "de", "fr", "pt-BR"}
	for i := range 10_000 {
		f := flagged(fmt.Sprint("m", i), targets[i%len(targets)], "you are shit", "eres malo")
		if _, err := svc.Intake(ctx, f); err != nil {
			b.Fatal(err)
		}
		clk.Add(time.Second)
	}
	for _, bb := range []struct {
		name string
		req  api.CaseListRequest
	}{
		{"open", api.CaseListRequest{Status: api.CaseOpen}},
		{"filtered", api.CaseListRequest{Locale: "pt", Severity: api.SeverityMedium, Sort: api.SortSeverity, MaxAge: "1h"}},
	} {
		req := bb.req
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := svc.List(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClaimRelease is one claim and one release through JetStream
// (two revision-checked KV updates and two audit appends).
func BenchmarkClaimRelease(b *testing.B) {
	ns := natstest.RunServer(b)
	nc := natstest.Conn(b, ns)
	ctx := context.Background()
	store, err := jsstore.Open(ctx, nc, jsstore.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	svc, err := moderation.New(moderation.Config{Store: store})
	if err != nil {
		b.Fatal(err)
	}
	f := flagged("m1", "es", "you are shit", "eres malo")
	if _, err := svc.Intake(ctx, f); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := svc.Claim(ctx, api.CaseClaimRequest{ID: f.CaseID(), Actor: "alice"}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Release(ctx, api.CaseReleaseRequest{ID: f.CaseID(), Actor: "alice"}); err != nil {
			b.Fatal(err)
		}
	}
}
