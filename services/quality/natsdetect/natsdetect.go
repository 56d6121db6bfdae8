// Package natsdetect gives the quality service a language detector that is
// the detect service, reached over NATS.
package natsdetect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

// LanguagesTTL is how long the detect service's language list is cached.
// The list changes only when detect is redeployed with another
// DETECT_LANGUAGES, and asking for it on every mismatch would double the
// traffic of the quality service exactly when translations go wrong.
const LanguagesTTL = time.Minute

// Detector calls the detect service. It is safe for concurrent use.
type Detector struct {
	nc *nats.Conn

	mu      sync.Mutex
	langs   []string
	fetched time.Time
}

// New returns a Detector that uses nc.
func New(nc *nats.Conn) *Detector { return &Detector{nc: nc} }

// Detect asks the detect service for the language of req.Text. When no
// detect instance runs the error is an *api.Error with CodeUnavailable.
func (d *Detector) Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error) {
	return client.Detect{NC: d.nc}.Detect(ctx, req)
}

// Languages returns the languages the detect service is configured for, as
// published in its micro service metadata ("languages").
func (d *Detector) Languages(ctx context.Context) ([]string, error) {
	d.mu.Lock()
	if d.langs != nil && time.Since(d.fetched) < LanguagesTTL {
		langs := d.langs
		d.mu.Unlock()
		return langs, nil
	}
	d.mu.Unlock()

	// Fetched outside the lock: a slow INFO must not hold up requests that
	// find a fresh list, and two concurrent fetches are harmless.
	langs, err := d.fetch(ctx)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.langs, d.fetched = langs, time.Now()
	d.mu.Unlock()
	return langs, nil
}

func (d *Detector) fetch(ctx context.Context) ([]string, error) {
	subj, err := micro.ControlSubject(micro.InfoVerb, api.ServiceDetect, "")
	if err != nil {
		return nil, fmt.Errorf("detect info subject: %w", err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, client.DefaultTimeout)
		defer cancel()
	}
	msg, err := d.nc.RequestWithContext(ctx, subj, nil)
	if err != nil {
		if errors.Is(err, nats.ErrNoResponders) {
			return nil, api.Errorf(api.CodeUnavailable, "no detect service is running")
		}
		return nil, fmt.Errorf("detect info: %w", err)
	}
	var info micro.Info
	if err := json.Unmarshal(msg.Data, &info); err != nil {
		return nil, fmt.Errorf("decode detect info: %w", err)
	}
	list, ok := info.Metadata["languages"]
	if !ok {
		return nil, fmt.Errorf("detect %s publishes no language list", info.Version)
	}
	langs := []string{}
	for _, l := range strings.Split(list, ",") {
		if l = strings.TrimSpace(l); l != "" {
			langs = append(langs, l)
		}
	}
	return langs, nil
}
