package messages

import (
	"log/slog"
	"regexp"
	"time"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natsutil"
	"github.com/parley-chat/parley/shared/pipeline"
)

// Config configures the messages service.
type Config struct {
	// MaxAge is how long the stream keeps a message event
	// (MESSAGES_MAX_AGE, default 720h; 0 keeps them forever).
	MaxAge time.Duration
	// MaxPerConversation caps the events kept per conversation and
	// tenant, a chat subject (MESSAGES_MAX_PER_CONVERSATION, default
	// 10000; edits and deletes count as events).
	MaxPerConversation int
	// MaxBytes bounds the whole stream (MESSAGES_MAX_BYTES, default
	// DefaultMaxBytes, at least 1 MiB). A full stream refuses new events
	// (DiscardNew: an accepted message is never dropped for room) until
	// MaxAge makes room; JetStream reserves the bound in its file store.
	MaxBytes int64
	// MaxBytesPerTenant bounds the bytes one tenant's events hold in the
	// stream (MESSAGES_MAX_BYTES_PER_TENANT, default a quarter of
	// MaxBytes, at least 64 KiB): past it the gateway refuses the
	// tenant's posts and edits (Log.Admit), so that one tenant cannot
	// fill the stream for all. Messages without a tenant are bounded by
	// MaxBytes alone.
	MaxBytesPerTenant int64
	// Replicas of the stream and the readers bucket (MESSAGES_REPLICAS, 1).
	Replicas int
	// ReaderTTL is how long a reader locale stays active without a
	// refresh (MESSAGES_READER_TTL, default 45s).
	ReaderTTL time.Duration
	// MaxLocales caps the pre-translated locales per conversation
	// (MESSAGES_MAX_LOCALES, default 8).
	MaxLocales int
	// Flagged is what readers get of a message the safety policy flags:
	// "hide" (default) or "mask" (MESSAGES_FLAGGED).
	Flagged string
	// WithholdUnchecked serves the original instead of a translation the
	// safety service did not check (UNCHECKED_TRANSLATIONS=original;
	// pipeline.Pipeline.WithholdUnchecked).
	WithholdUnchecked bool
	// ContextMessages is how many earlier messages go to the translator
	// as context (MESSAGES_CONTEXT, default 5, at most 10).
	ContextMessages int
	// Workers bounds concurrent pre-translations (MESSAGES_WORKERS, 4).
	Workers int
	// Timeout bounds one pre-translation (MESSAGES_TIMEOUT, 30s).
	Timeout time.Duration
	// RetryDelays are the waits before the pre-translator renders again a
	// view whose translation failed, one attempt per entry
	// (MESSAGES_RETRY_DELAYS, default 5s,30s,2m; "off": none).
	RetryDelays []time.Duration
	// Log hears of a stream or bucket whose replicas could not be raised
	// to Replicas (default slog's; not from the environment).
	Log *slog.Logger
}

// ConfigFromEnv reads the MESSAGES_* variables. A value out of a
// setting's range is refused (r.Err names it), not replaced by the
// default (defaults) or clamped without a word: MESSAGES_WORKERS=0 or
// MESSAGES_CONTEXT=50 would otherwise run with 4 or 10.
func ConfigFromEnv(r *config.Reader) Config {
	return Config{
		MaxAge:             r.Duration("MESSAGES_MAX_AGE", 720*time.Hour),
		MaxPerConversation: r.IntMin("MESSAGES_MAX_PER_CONVERSATION", 10000, 1),
		MaxBytes:           MaxBytesFromEnv(r),
		MaxBytesPerTenant:  int64(r.IntMin("MESSAGES_MAX_BYTES_PER_TENANT", 0, minMaxBytesPerTenant)),
		Replicas:           r.IntRange("MESSAGES_REPLICAS", natsutil.JetStreamReplicas(r), 1, natsutil.MaxReplicas),
		ReaderTTL:          r.DurationMin("MESSAGES_READER_TTL", 45*time.Second, time.Second),
		MaxLocales:         r.IntMin("MESSAGES_MAX_LOCALES", 8, 1),
		Flagged:            r.String("MESSAGES_FLAGGED", FlaggedHide),
		ContextMessages:    r.IntRange("MESSAGES_CONTEXT", 5, 0, maxContextMessages),
		Workers:            r.IntMin("MESSAGES_WORKERS", 4, 1),
		Timeout:            r.DurationMin("MESSAGES_TIMEOUT", 30*time.Second, time.Second),
		RetryDelays:        r.Durations("MESSAGES_RETRY_DELAYS", DefaultRetryDelays),
		// Read by the gateway too: both render views.
		WithholdUnchecked: pipeline.UncheckedFromEnv(r),
	}
}

// maxContextMessages is the most MESSAGES_CONTEXT takes: the most
// context messages a translation request carries (pipeline.Validate).
const maxContextMessages = 10

// DefaultRetryDelays are MESSAGES_RETRY_DELAYS' default.
var DefaultRetryDelays = []time.Duration{5 * time.Second, 30 * time.Second, 2 * time.Minute}

// DefaultMaxBytes is the chat stream's default byte bound, 4 GiB: some
// ten million chat events of a few hundred bytes. Bounded only per
// conversation and by age, the stream let clients posting to many
// conversations fill the disk JetStream writes to, after which nats-server
// answered no write at all (natsutil, storage.go).
const DefaultMaxBytes int64 = 4 << 30

// minMaxBytes is the least MESSAGES_MAX_BYTES takes.
const minMaxBytes = 1 << 20

// minMaxBytesPerTenant is the least MESSAGES_MAX_BYTES_PER_TENANT takes:
// room for the largest event (10,000 characters, JSON-escaped) and more.
const minMaxBytesPerTenant = 64 << 10

// defaultTenantBytes is a tenant's share of a stream bound of maxBytes
// when MESSAGES_MAX_BYTES_PER_TENANT is not set: a quarter, so that one
// tenant, or three, leave the others room.
func defaultTenantBytes(maxBytes int64) int64 { return maxBytes / 4 }

// MaxBytesFromEnv reads MESSAGES_MAX_BYTES, the chat stream's byte bound:
// the messages service and a gateway that creates the stream before it
// (the stream's fallback creation) read it alike.
func MaxBytesFromEnv(r *config.Reader) int64 {
	return int64(r.IntMin("MESSAGES_MAX_BYTES", int(DefaultMaxBytes), minMaxBytes))
}

// Flagged policies.
const (
	FlaggedHide = "hide"
	FlaggedMask = "mask"
)

func (c *Config) defaults() {
	if c.MaxPerConversation <= 0 {
		c.MaxPerConversation = 10000
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.MaxBytesPerTenant <= 0 {
		c.MaxBytesPerTenant = defaultTenantBytes(c.MaxBytes)
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.ReaderTTL <= 0 {
		c.ReaderTTL = 45 * time.Second
	}
	if c.MaxLocales <= 0 {
		c.MaxLocales = 8
	}
	if c.Flagged != FlaggedMask {
		c.Flagged = FlaggedHide
	}
	if c.ContextMessages < 0 {
		c.ContextMessages = 0
	}
	c.ContextMessages = min(c.ContextMessages, maxContextMessages)
	if c.Workers <= 0 {
		c.Workers = 4
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.RetryDelays == nil {
		c.RetryDelays = DefaultRetryDelays
	}
}

// idPattern is what conversation and message ids may be: they become a
// token of a NATS subject and part of KV keys.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ValidID checks a conversation or message id.
func ValidID(field, id string) error {
	if !idPattern.MatchString(id) {
		return api.FieldError(api.CodeInvalidArgument, field, "%s must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'", field)
	}
	return nil
}

// MaxAuthorBytes bounds an author name.
const MaxAuthorBytes = 128
