package safety

import (
	"context"
	"fmt"
	"runtime"
	"strconv"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the service version registered with micro.
const Version = "1.0.0"

// Start compiles the embedded word lists and registers the safety service.
//
// Settings (environment):
//   - SAFETY_WORKERS: checks handled at once (default GOMAXPROCS; matching
//     is CPU-bound).
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	workers := d.Env.Int("SAFETY_WORKERS", runtime.GOMAXPROCS(0))
	if err := d.Env.Err(); err != nil {
		return nil, err
	}
	if workers < 1 {
		return nil, fmt.Errorf("SAFETY_WORKERS=%d: must be at least 1", workers)
	}
	c, err := NewDefault()
	if err != nil {
		return nil, fmt.Errorf("load lexicons: %w", err)
	}
	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceSafety,
		Version:     Version,
		Description: "Checks messages and their translations against word lists",
		Metadata:    map[string]string{"lexicon": "ldnoobw", "languages": strconv.Itoa(len(c.byLang))},
	}, Endpoints(c, workers), d.Metrics, d.Log)
	if err != nil {
		return nil, fmt.Errorf("register safety service: %w", err)
	}
	return srv.Stop, nil
}

// Endpoints are the service's micro endpoints over c.
func Endpoints(c *Checker, workers int) []service.Endpoint {
	return []service.Endpoint{{
		Name:    "check",
		Subject: api.SubjectSafetyCheck,
		Workers: workers,
		Handler: service.JSON(func(_ context.Context, req *api.SafetyRequest) (any, error) {
			return c.Check(req)
		}),
	}}
}
