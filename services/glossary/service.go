package glossary

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"runtime"
	"strconv"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
	"github.com/parley-chat/parley/shared/svcmain"
)

// Version is the service version registered with micro.
const Version = "1.0.0"

// DefaultDir is where glossaries are read from when GLOSSARY_DIR is unset:
// the repository's glossaries/ folder when started from the repository root.
const DefaultDir = "glossaries"

// Start loads the glossaries and registers the glossary service.
//
// Settings (environment):
//   - GLOSSARY_DIR: folder of *.csv glossaries (default "glossaries",
//     relative to the working directory). When it is set explicitly and
//     cannot be read, Start fails; when the default is missing the service
//     runs with no glossaries and logs a warning.
//   - GLOSSARY_WORKERS: requests handled at once per endpoint (default
//     GOMAXPROCS; matching is CPU-bound).
//
// A glossary file with problems is skipped and each problem is logged with
// its file and line; the others still load.
func Start(ctx context.Context, d svcmain.Deps) (stop func() error, err error) {
	dir := d.Env.String("GLOSSARY_DIR", "")
	explicit := dir != ""
	if !explicit {
		dir = DefaultDir
	}
	workers := d.Env.Int("GLOSSARY_WORKERS", runtime.GOMAXPROCS(0))
	if err := d.Env.Err(); err != nil {
		return nil, err
	}
	if workers < 1 {
		return nil, fmt.Errorf("GLOSSARY_WORKERS=%d: must be at least 1", workers)
	}
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	set, problems, err := LoadDir(dir)
	switch {
	case err != nil && !explicit && errors.Is(err, fs.ErrNotExist):
		log.Warn("no glossary directory; serving no glossaries", "dir", dir)
		set = NewSet()
	case err != nil:
		return nil, fmt.Errorf("load glossaries: %w", err)
	}
	for _, p := range problems {
		log.Error("glossary file skipped", "err", p)
	}
	for _, g := range set.list {
		log.Info("glossary loaded", "id", g.ID, "languages", len(g.Languages), "entries", len(g.Entries))
	}

	srv, err := service.New(d.NC, service.Config{
		Name:        api.ServiceGlossary,
		Version:     Version,
		Description: "Finds glossary terms in messages and checks translations against them",
		Metadata:    map[string]string{"dir": dir, "glossaries": strconv.Itoa(len(set.list))},
	}, Endpoints(set, workers), d.Metrics, log)
	if err != nil {
		return nil, fmt.Errorf("register glossary service: %w", err)
	}
	return srv.Stop, nil
}

// Endpoints are the service's micro endpoints over set.
func Endpoints(set *Set, workers int) []service.Endpoint {
	return []service.Endpoint{
		{
			Name:    "prepare",
			Subject: api.SubjectGlossaryPrepare,
			Workers: workers,
			Handler: service.JSON(func(_ context.Context, req *api.GlossaryPrepareRequest) (any, error) {
				return set.Prepare(req)
			}),
		},
		{
			Name:    "verify",
			Subject: api.SubjectGlossaryVerify,
			Workers: workers,
			Handler: service.JSON(func(_ context.Context, req *api.GlossaryVerifyRequest) (any, error) {
				return set.Verify(req)
			}),
		},
		{
			Name:    "list",
			Subject: api.SubjectGlossaryList,
			Handler: service.JSON(func(_ context.Context, _ *api.GlossaryListRequest) (any, error) {
				return set.List(), nil
			}),
		},
	}
}
