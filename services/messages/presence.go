package messages

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
)

// ReadersBucket is the KV bucket of active reader locales: one key
// "<conversation>.<locale>" per locale someone is reading a conversation
// in, expiring with the bucket's TTL unless refreshed.
const ReadersBucket = "parley-readers"

const metaMaxLocales = "parley_max_locales"

// Presence tracks each conversation's active reader locales.
//
// Policy when a conversation reaches its cap of locales: first come,
// first served. A locale keeps its slot for as long as one of its readers
// refreshes it (an open event stream does, well within the TTL); a new
// locale beyond the cap is not pre-translated and its readers get views
// rendered on demand, until a slot frees up when a locale's last reader
// has been gone for the TTL. Evicting an active locale instead would only
// move the on-demand cost to other readers, and two locales could evict
// each other at every refresh.
type Presence struct {
	kv  jetstream.KeyValue
	max int
	ttl time.Duration
}

// EnsurePresence creates (or updates) the readers bucket for cfg.
func EnsurePresence(ctx context.Context, js jetstream.JetStream, cfg Config) (*Presence, error) {
	cfg.defaults()
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      ReadersBucket,
		Description: "Parley: active reader locales per conversation",
		TTL:         cfg.ReaderTTL,
		History:     1,
		Storage:     jetstream.MemoryStorage,
		Replicas:    cfg.Replicas,
		Metadata:    map[string]string{metaMaxLocales: strconv.Itoa(cfg.MaxLocales)},
	})
	if err != nil {
		return nil, fmt.Errorf("readers bucket: %w", err)
	}
	return &Presence{kv: kv, max: cfg.MaxLocales, ttl: cfg.ReaderTTL}, nil
}

// OpenPresence opens the readers bucket with the settings it was created
// with (by the messages service, or with defaults if it is not running).
func OpenPresence(ctx context.Context, js jetstream.JetStream) (*Presence, error) {
	kv, err := js.KeyValue(ctx, ReadersBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return EnsurePresence(ctx, js, Config{})
	}
	if err != nil {
		return nil, fmt.Errorf("readers bucket: %w", err)
	}
	st, err := kv.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("readers bucket status: %w", err)
	}
	p := &Presence{kv: kv, max: 8, ttl: st.TTL()}
	if bs, ok := st.(*jetstream.KeyValueBucketStatus); ok {
		if n, err := strconv.Atoi(bs.StreamInfo().Config.Metadata[metaMaxLocales]); err == nil && n > 0 {
			p.max = n
		}
	}
	return p, nil
}

// TTL is how long a registration lasts without a refresh.
func (p *Presence) TTL() time.Duration { return p.ttl }

// Max is the cap of pre-translated locales per conversation.
func (p *Presence) Max() int { return p.max }

// Register records that someone reads conv in locale, or refreshes that.
// It reports false when the conversation already has its cap of other
// locales: that reader gets views rendered on demand.
func (p *Presence) Register(ctx context.Context, conv, locale string) (bool, error) {
	key := conv + "." + locale
	active, err := p.Active(ctx, conv)
	if err != nil {
		return false, err
	}
	if slices.Contains(active, locale) {
		if _, err := p.kv.Put(ctx, key, []byte(locale)); err != nil {
			return false, fmt.Errorf("refresh reader locale: %w", err)
		}
		return true, nil
	}
	if len(active) >= p.max {
		return false, nil
	}
	if _, err := p.kv.Create(ctx, key, []byte(locale)); err != nil && !errors.Is(err, jetstream.ErrKeyExists) {
		return false, fmt.Errorf("register reader locale: %w", err)
	}
	return true, nil
}

// Active lists the locales conv is being read in, sorted, at most the cap
// (registrations that raced past it are left out the same way everywhere).
func (p *Presence) Active(ctx context.Context, conv string) ([]string, error) {
	lister, err := p.kv.ListKeysFiltered(ctx, conv+".*")
	if err != nil {
		if errors.Is(err, jetstream.ErrNoKeysFound) {
			return nil, nil
		}
		return nil, fmt.Errorf("list reader locales: %w", err)
	}
	var out []string
	for k := range lister.Keys() {
		if _, loc, ok := strings.Cut(k, "."); ok {
			out = append(out, loc)
		}
	}
	// The lister stops itself once Keys is drained.
	slices.Sort(out)
	if len(out) > p.max {
		out = out[:p.max]
	}
	return out, nil
}

// ValidLocale checks a locale for use in a key and a subject.
func ValidLocale(locale string) error {
	if locale == "" || len(locale) > 64 || strings.ContainsFunc(locale, func(r rune) bool {
		return !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return api.FieldError(api.CodeInvalidLanguage, "locale", "locale %q is not a BCP 47 tag", locale)
	}
	return nil
}
