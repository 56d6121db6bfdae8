package suite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/experiment"
)

// The embedded server's storage (docs/operations.md, "Disk space").
//
// Its file store gets a limit, PARLEY_JS_MAX_FILE_STORE or one derived
// from the disk (natsutil.DefaultMaxFileStore), so that JetStream refuses
// writes at once before the disk is full. JetStream reserves the byte
// bound of every bounded stream in that limit when it creates the stream;
// the defaults of the big ones (4 GiB of chat, 2 GiB of translation cache,
// 1 GiB of experiment events, 256 MiB of feedback) would not fit a small
// disk, and the suite would not start. So bounds the environment does not
// set are fitted to the store: a share of it each, never more than the
// default, and a stream that exists with a bound keeps it.

// bound is a bounded stream of the suite and the setting of its bound.
type bound struct {
	setting string
	stream  string
	def     int64
	// share is the part of the file store the bound takes at most (1/share).
	share int64
}

// minBound is the least a fitted bound is: the settings' minimum.
const minBound = 1 << 20

// bounds lists the suite's bounded streams. Their shares sum to 29/32 of
// the store, which leaves room for the unbounded buckets (glossaries,
// keys, moderation cases) beside them.
func bounds(getenv config.Env) []bound {
	prefix := getenv("TRANSLATE_KV_PREFIX")
	if prefix == "" {
		prefix = "parley_translate" // translate's default
	}
	return []bound{
		{"MESSAGES_MAX_BYTES", api.StreamChat, messages.DefaultMaxBytes, 2},
		{"TRANSLATE_CACHE_MAX_BYTES", "KV_" + prefix + "_cache", int64(translate.DefaultCacheMaxBytes), 4},
		{"EXPERIMENTS_MAX_BYTES", experiment.Stream, experiment.DefaultMaxBytes, 8},
		{"EXPERIMENTS_FEEDBACK_MAX_BYTES", experiment.FeedbackStream, experiment.DefaultFeedbackMaxBytes, 32},
	}
}

// fitBounds returns getenv with a value for each bound setting it lacks:
// the bound of the stream when it exists with one (so that a restart
// changes nothing), otherwise the default or the bound's share of a file
// store of maxStore bytes, whichever is smaller. maxStore <= 0 (unknown)
// leaves getenv as it is.
func fitBounds(ctx context.Context, js jetstream.JetStream, getenv config.Env, maxStore int64) (config.Env, error) {
	if maxStore <= 0 {
		return getenv, nil
	}
	fitted := map[string]string{}
	for _, b := range bounds(getenv) {
		if strings.TrimSpace(getenv(b.setting)) != "" {
			continue
		}
		n := max(min(b.def, maxStore/b.share), minBound)
		st, err := js.Stream(ctx, b.stream)
		switch {
		case err == nil:
			if have := st.CachedInfo().Config.MaxBytes; have >= minBound {
				n = have
			}
		case !errors.Is(err, jetstream.ErrStreamNotFound):
			return nil, fmt.Errorf("stream %s: %w", b.stream, err)
		}
		fitted[b.setting] = strconv.FormatInt(n, 10)
	}
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return fitted[k]
	}, nil
}

// warnReservations logs when the streams the embedded server holds
// reserve more than its file store does: JetStream then refuses to create
// any stream or bucket (a store that shrank since, with
// PARLEY_JS_MAX_FILE_STORE or the disk), and to change one, even to lower
// its bound (nats-server refuses any reservation while the store is
// over-reserved), so a lower MESSAGES_MAX_BYTES does not help at once.
// It lists each bounded stream and what it reserves, and the remedy that
// works: a larger store, or a start with a larger store and lower
// settings (each service lowers its stream's bound at start) before
// restarting with the smaller one.
func warnReservations(ctx context.Context, ns *server.Server, js jetstream.JetStream, getenv config.Env, log *slog.Logger) {
	jsz, err := ns.Jsz(&server.JSzOptions{})
	if err != nil || jsz.Config.MaxStore <= 0 || int64(jsz.ReservedStore) <= jsz.Config.MaxStore {
		return
	}
	settings := map[string]string{}
	for _, b := range bounds(getenv) {
		settings[b.stream] = b.setting
	}
	var streams []string
	names := js.StreamNames(ctx)
	for name := range names.Name() {
		st, err := js.Stream(ctx, name)
		if err != nil {
			continue
		}
		c := st.CachedInfo().Config
		if c.Storage != jetstream.FileStorage || c.MaxBytes <= 0 {
			continue
		}
		s := fmt.Sprintf("%s %s", name, byteSize(c.MaxBytes*int64(max(c.Replicas, 1))))
		if k := settings[name]; k != "" {
			s += " (" + k + ")"
		}
		streams = append(streams, s)
	}
	log.Warn("JetStream's streams reserve more than its file store holds: no stream or bucket can be created or changed; raise PARLEY_JS_MAX_FILE_STORE above the reserved bytes. For a smaller store, start once with it raised and the settings of the streams listed set lower (the services lower the bounds at start), then restart with the smaller PARLEY_JS_MAX_FILE_STORE (docs/operations.md, \"Disk space\")",
		"reserved", jsz.ReservedStore, "max_file_store", jsz.Config.MaxStore, "streams", strings.Join(streams, ", "))
}

// writeErrors is a readiness check of the embedded server: a stream (or
// consumer) with a write error. nats-server keeps a stream's write error,
// that of a full disk among them, until it restarts, answering none of
// the stream's writes meanwhile; freeing space does not help, restarting
// Parley does (docs/operations.md). It is cheap: nats-server's own health
// check, in process, reads the store's directory and each stream's state.
func writeErrors(ns *server.Server) func() error {
	return func() error {
		h := ns.Healthz(&server.HealthzOptions{Details: true})
		for _, e := range h.Errors {
			if strings.Contains(e.Error, "write error") {
				return fmt.Errorf("%s: free disk space, then restart parley (JetStream keeps a write error until it restarts; docs/operations.md)", e.Error)
			}
		}
		return nil
	}
}

// storeSummary describes the embedded server's file store for the
// start-up output.
func storeSummary(dir string, maxStore int64, configured bool) string {
	how := "derived from the free disk space; PARLEY_JS_MAX_FILE_STORE sets it"
	switch {
	case configured:
		how = "PARLEY_JS_MAX_FILE_STORE"
	case maxStore <= 0:
		return fmt.Sprintf("JetStream %s, nats-server's default limit (PARLEY_JS_MAX_FILE_STORE sets one)", dir)
	}
	return fmt.Sprintf("JetStream %s, at most %s (%s)", dir, byteSize(maxStore), how)
}

// byteSize renders n bytes for people (MiB, GiB).
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return strconv.FormatFloat(float64(n)/(1<<30), 'f', 1, 64) + " GiB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// fitTimeout bounds the stream look-ups of fitBounds.
const fitTimeout = 10 * time.Second
