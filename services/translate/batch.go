package translate

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
	"github.com/parley-chat/parley/shared/gopool"
)

// Batching: for short chat messages the fixed part of the prompt (the
// rules) costs far more tokens than the message, so a page of messages
// for one reader goes to an LLM in one call, as a JSON array with an id
// per message, answered as {"items": [{"id", "translation"}]}. Batches
// trade some quality for cost (BatchGEMBA measured 2-4x fewer tokens and
// some loss, ../shared/reference/llm-qe-safety.md §A.6), so only short
// messages of one language pair are batched, every item is checked like a
// single answer, and anything doubtful goes back to single calls: an
// answer whose ids or count do not match the messages (the whole batch),
// an item that lost sentinels or is not a translation (that item).

// Batch request bounds.
const (
	maxBatchItems = 100
	// maxBatchTextBytes bounds the items' texts together (UTF-8 bytes).
	// The answer carries a translation of every item, and it must fit in
	// one NATS message (1 MiB by default): 100 items of 10,000 characters
	// would not, and a reply NATS refuses is no answer at all. A quarter
	// of that leaves room for translations longer than their source (and
	// in scripts of more bytes a character) and for each item's details.
	maxBatchTextBytes = 256 << 10
)

// TranslateBatch translates several messages into one target language.
// Short messages whose first usable rung can batch share LLM calls;
// everything else (long messages, items a batch answer got wrong, other
// rungs) is translated one by one down the chain, with the cache and
// coalescing of single requests. Bad input in an item is that item's
// error; the request fails only when it is malformed as a whole.
func (c *Chain) TranslateBatch(ctx context.Context, req api.TranslateBatchRequest) (*api.TranslateBatchResponse, error) {
	start := c.cfg.Now()
	ctx, done := c.running.track(ctx)
	defer done()
	switch {
	case len(req.Items) == 0:
		return nil, api.FieldError(api.CodeInvalidArgument, "items", "a batch needs at least one item")
	case len(req.Items) > maxBatchItems:
		return nil, api.FieldError(api.CodeInvalidArgument, "items", "at most %d items", maxBatchItems)
	}
	size := 0
	for _, it := range req.Items {
		size += len(it.Text)
	}
	if size > maxBatchTextBytes {
		return nil, api.FieldError(api.CodeBodyTooLarge, "items",
			"the items' texts take %d bytes, and a batch carries at most %d (%d KiB) so that its answer fits in one NATS message; split it",
			size, maxBatchTextBytes, maxBatchTextBytes>>10)
	}
	if _, err := api.ParseLanguage("target", req.Target); err != nil {
		return nil, err
	}
	if _, err := c.formality(req.Formality, req.Target); err != nil {
		return nil, err
	}
	out := &api.TranslateBatchResponse{Items: make([]api.TranslateBatchResult, len(req.Items))}
	var todo []*batchItem
	for i, it := range req.Items {
		res := &out.Items[i]
		res.ID = it.ID
		v, err := c.validate(api.TranslateRequest{
			Text: it.Text, Source: it.Source, Target: req.Target, Protect: it.Protect, Terms: it.Terms,
			Exclude: req.Exclude, Formality: req.Formality, ConversationID: it.ConversationID, MessageID: it.MessageID,
			GlossaryID: req.GlossaryID, GlossaryVersion: req.GlossaryVersion, Tenant: req.Tenant,
		})
		if err != nil {
			res.Error = api.AsError(err)
			continue
		}
		if resp, toks, ok := c.settle(v); ok {
			res.TranslateResponse = *resp
		} else {
			todo = append(todo, &batchItem{res: res, v: v, toks: toks})
		}
	}
	c.batchStage(ctx, todo)

	// The rest one by one, a few at a time: they take the single path's
	// cache, coalescing and fallbacks.
	var wg gopool.Group
	sem := make(chan struct{}, 8)
	for _, it := range todo {
		if it.done {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			resp, err := c.translate(ctx, it.v)
			if err != nil {
				it.res.Error = api.AsError(err)
				return
			}
			it.res.TranslateResponse = *resp
		})
	}
	wg.Wait()
	d := c.cfg.Now().Sub(start).Milliseconds()
	for i := range out.Items {
		out.Items[i].DurationMS = d
	}
	return out, nil
}

// batchItem is one message of a batch on its way.
type batchItem struct {
	res  *api.TranslateBatchResult
	v    validated
	toks []entity.Token
	done bool
	key  string // batch cache key on the chosen rung
}

// batchStage serves what it can of todo from batched LLM calls and marks
// those items done.
func (c *Chain) batchStage(ctx context.Context, todo []*batchItem) {
	if c.cfg.BatchSize < 2 {
		return
	}
	// Group by rung and by what a batch prompt shares: the language pair,
	// the register and the glossary hints.
	type group struct {
		r     routedRung
		items []*batchItem
	}
	groups := map[string]*group{}
	var order []string
	for _, it := range todo {
		r, ok := c.firstUsable(it.v)
		if !ok {
			continue
		}
		b, ok := r.Backend.(backend.Batcher)
		// A request whose single-message template was picked (registry,
		// or the request itself) is not batched: the batch template
		// would ignore the choice.
		if !ok || r.prompt != "" || it.v.prompt != "" || utf8.RuneCountInString(it.v.text) > c.cfg.BatchMaxRunes || len(it.v.context) > 0 {
			continue
		}
		// Cached translations, made singly or in a batch, serve first.
		req := rungRequest(r, it.v, it.toks)
		for _, key := range []string{c.key(it.v, r.chainRung, req), cacheKey(it.v, r.Name, rungModel(r.chainRung, req), b.BatchPromptRef())} {
			if e, src, ok := c.cfg.Cache.Get(ctx, key); ok {
				c.cfg.Metrics.cache(src)
				c.indexRead(ctx, key, it.v)
				fill(&it.res.TranslateResponse, r.Name, served{res: entryResult(e), cache: src, key: c.cachedKey(key)}, it.v.formality)
				it.done = true
				break
			}
		}
		if it.done {
			continue
		}
		it.key = cacheKey(it.v, r.Name, rungModel(r.chainRung, req), b.BatchPromptRef())
		var terms strings.Builder
		for _, t := range it.v.terms {
			terms.WriteString(t.Source + "\x00" + t.Target + "\x00")
		}
		gk := strings.Join([]string{r.Name, r.model, it.v.source, it.v.target, it.v.formality, terms.String()}, "\x01")
		g, ok := groups[gk]
		if !ok {
			g = &group{r: r}
			groups[gk] = g
			order = append(order, gk)
		}
		g.items = append(g.items, it)
	}
	var wg gopool.Group
	var copies [][]*batchItem
	for _, gk := range order {
		g := groups[gk]
		items, dups := dedupe(g.items)
		copies = append(copies, dups...)
		for len(items) > 1 {
			n := min(len(items), c.cfg.BatchSize)
			chunk := items[:n]
			items = items[n:]
			wg.Go(func() { c.runBatch(ctx, g.r, chunk) })
		}
	}
	wg.Wait()
	for _, same := range copies {
		if first := same[0]; first.done {
			for _, it := range same[1:] {
				it.res.TranslateResponse = first.res.TranslateResponse
				it.res.Cache = api.CacheCoalesced
				c.cfg.Metrics.cache(api.CacheCoalesced)
				it.done = true
			}
		}
	}
}

// dedupe keeps one item per cache key: identical messages in a page cost
// one slot in the batch and share its translation. dups lists the items
// of each key that occurs more than once, the kept one first.
func dedupe(items []*batchItem) (unique []*batchItem, dups [][]*batchItem) {
	byKey := map[string][]*batchItem{}
	for _, it := range items {
		if len(byKey[it.key]) == 0 {
			unique = append(unique, it)
		}
		byKey[it.key] = append(byKey[it.key], it)
	}
	for _, it := range unique {
		if same := byKey[it.key]; len(same) > 1 {
			dups = append(dups, same)
		}
	}
	return unique, dups
}

// firstUsable is the first rung that v's request would call: not
// excluded, set up, translating the pair, available, circuit not open.
func (c *Chain) firstUsable(v validated) (routedRung, bool) {
	for _, r := range c.routed(v) {
		if c.canServe(r, v, c.cfg.Now()) {
			return r, true
		}
	}
	return routedRung{}, false
}

// runBatch makes one batched call for items and serves the items whose
// translations pass every check that a single answer passes.
func (c *Chain) runBatch(ctx context.Context, r routedRung, items []*batchItem) {
	b := r.Backend.(backend.Batcher)
	now := c.cfg.Now()
	// The batch leaves the rungs after r their share, as a single call
	// does: if it hangs, its messages still reach them one by one.
	var later []routedRung
	rungs := c.routed(items[0].v)
	if i := slices.IndexFunc(rungs, func(x routedRung) bool { return x.chainRung == r.chainRung }); i >= 0 {
		later = rungs[i+1:]
	}
	budget, why := c.budget(ctx, r.chainRung, items[0].v, later, now)
	if why != "" {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	r.detach(ctx) // the batched call is a wait, as in try
	release, err := r.limit.acquire(ctx)
	if err != nil {
		return
	}
	defer release()
	if _, paused := r.pause.active(now); paused || !r.breaker.allow(now) {
		return
	}
	reqs := make([]backend.Request, len(items))
	for i, it := range items {
		reqs[i] = rungRequest(r, it.v, it.toks)
	}
	results, err := b.TranslateBatch(ctx, reqs)
	d := c.cfg.Now().Sub(now)
	if err != nil {
		c.cfg.Metrics.call(r.Name, reqs[0].Model, outcome(err), d, backend.Usage{})
	} else if len(results) > 0 {
		c.cfg.Metrics.call(r.Name, cmp.Or(results[0].Model, reqs[0].Model), "ok", d, results[0].Usage)
	}
	if ra := backend.RetryAfter(err); ra > 0 {
		r.pause.set(c.cfg.Now().Add(ra))
	}
	if err != nil {
		if errors.Is(ctx.Err(), context.Canceled) || backend.IsRequestFault(err) {
			// A missing routed model is this batch's pairs' problem,
			// not the rung's health (see callBackend).
			r.breaker.cancelProbe()
		} else {
			r.breaker.record(backend.IsOutputFault(err), c.cfg.Now())
		}
		c.cfg.Metrics.rung(r.Name, "batch_"+outcome(err), d)
		c.logAttrs(ctx, slog.LevelInfo, "batch failed; translating its messages one by one",
			slog.String("backend", r.Name), slog.Int("messages", len(items)), slog.String("error", safeError(err)))
		return
	}
	r.breaker.record(true, c.cfg.Now())
	c.cfg.Metrics.rung(r.Name, "batch_ok", d)
	for i, it := range items {
		res := results[i]
		err := res.Err
		if err == nil {
			err = checkAnswer(it.toks, reqs[i], res.Text)
		}
		if err != nil {
			c.logAttrs(ctx, slog.LevelDebug, "batch item rejected; translating it alone",
				slog.String("backend", r.Name), slog.String("error", safeError(err)))
			continue
		}
		c.cfg.Cache.Put(ctx, it.key, resultEntry(r.Name, res.Result, it.v.formality, c.cfg.Now()),
			messageKey(it.v.tenant, it.v.conversation, it.v.message), conversationKey(it.v.tenant, it.v.conversation))
		fill(&it.res.TranslateResponse, r.Name, served{res: res.Result, key: c.cachedKey(it.key)}, it.v.formality)
		c.cfg.Metrics.cache(cacheMiss)
		it.done = true
	}
}

// batchDefaults fills the batch settings of cfg.
func batchDefaults(cfg *ChainConfig) {
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 16
	}
	if cfg.BatchMaxRunes <= 0 {
		cfg.BatchMaxRunes = 280
	}
}
