package gateway_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/service"
)

// l10nSecret is the localization key of TestTransfersGetTheirOwnBudget.
const l10nSecret = "transfer-budget-l10n-key-0123"

// A glossary's import and export get GATEWAY_TRANSFER_TIMEOUT, not the
// GATEWAY_TIMEOUT of every other request: a large file is read, put in
// the object store, read and parsed by the service, and under the short
// budget an import the service was about to finish came back 504. The
// fake glossary service answers each call after slow, longer than
// Timeout, and records the budget the call arrived with.
func TestTransfersGetTheirOwnBudget(t *testing.T) {
	const (
		timeout  = time.Second
		transfer = 30 * time.Second
		slow     = 2 * timeout
	)
	var mu sync.Mutex
	budgets := map[string]time.Duration{}
	seen := func(name string, ctx context.Context) {
		mu.Lock()
		defer mu.Unlock()
		if dl, ok := ctx.Deadline(); ok {
			budgets[name] = time.Until(dl)
		}
	}
	sleep := func(ctx context.Context) error {
		select {
		case <-time.After(slow):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	nc := natstest.Conn(t, natstest.RunServer(t))
	svc, err := service.New(nc, service.Config{Name: api.ServiceGlossary, Version: "1.0.0"}, []service.Endpoint{
		{Name: "import", Subject: api.SubjectGlossaryImport, Workers: 2, Handler: service.JSON(func(ctx context.Context, req *api.GlossaryImportRequest) (any, error) {
			seen("import", ctx)
			return api.GlossaryImportReport{Valid: true, DryRun: req.DryRun}, sleep(ctx)
		})},
		{Name: "export", Subject: api.SubjectGlossaryExport, Workers: 2, Handler: service.JSON(func(ctx context.Context, req *api.GlossaryExportRequest) (any, error) {
			seen("export", ctx)
			return api.GlossaryExportResponse{Glossary: req.ID, Version: 1, Format: api.FormatCSV, ContentType: "text/csv", Filename: "demo.csv", Data: []byte("en,es\nreply,respuesta\n")}, sleep(ctx)
		})},
		{Name: "get", Subject: api.SubjectGlossaryGet, Workers: 2, Handler: service.JSON(func(ctx context.Context, req *api.GlossaryGetRequest) (any, error) {
			seen("get", ctx)
			return api.Glossary{ID: req.ID}, sleep(ctx)
		})},
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Stop() })
	keys, err := gateway.ParseKeys("lena:localization:" + l10nSecret)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Timeout: timeout, TransferTimeout: transfer, Keys: keys}, nc, reg, reg, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(gw.Handler())
	t.Cleanup(ts.Close)

	tests := []struct {
		name, method, path, body string
		status                   int
		// The budget the service was given is at most max, and for a
		// transfer well above timeout.
		min, max time.Duration
	}{
		{"import", http.MethodPost, "/v1/glossaries/demo/import?dry_run=true&format=csv", "en,es\nreply,respuesta\n", http.StatusOK, transfer / 2, transfer},
		{"export", http.MethodGet, "/v1/glossaries/demo/export?format=csv", "", http.StatusOK, transfer / 2, transfer},
		{"get", http.MethodGet, "/v1/glossaries/demo", "", http.StatusGatewayTimeout, 0, timeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Authorization", "Bearer "+l10nSecret)
			if tt.body != "" {
				req.Header.Set("Content-Type", "text/csv")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			mu.Lock()
			got, ok := budgets[tt.name]
			mu.Unlock()
			if !ok || got > tt.max || got < tt.min {
				t.Errorf("the service was given %v, want %v to %v", got.Round(time.Millisecond), tt.min, tt.max)
			}
		})
	}
}
