package translate

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
)

// Invalidate deletes cached translations: those recorded for a tenant's
// chat message (an edit or a deletion makes them stale), those of every
// message of a tenant's conversation (conversation_id without
// message_id), those of a request's text by every rung of the chain, and
// the one named by its key (a translation quality discarded, whose key
// the pipeline had from the answer). Only req.Tenant's indexes are taken
// (no tenant: those of requests
// without one, and every entry indexed before tenants were), so another
// tenant's message with the same ids keeps its translations and is not
// counted. Every replica's in-process cache drops them too (see
// cache.Shared.Delete).
func (c *Chain) Invalidate(ctx context.Context, req api.TranslateInvalidateRequest) (*api.TranslateInvalidateResponse, error) {
	if req.MessageID == "" && req.ConversationID == "" && req.Request == nil && req.Key == "" {
		return nil, api.FieldError(api.CodeInvalidArgument, "message_id", "name a message (conversation_id, message_id), a conversation (conversation_id), a request or a cache key")
	}
	if req.Key != "" && !translationKey(req.Key) {
		return nil, api.FieldError(api.CodeInvalidArgument, "key", "%.80q is not a translation cache key (the cache_key of a translate answer)", req.Key)
	}
	// Translations this replica answered are written to the shared cache
	// after the answer: an edit made right after a view must find them.
	c.stores.wait()
	out := &api.TranslateInvalidateResponse{}
	if req.MessageID != "" || req.ConversationID != "" {
		if len(req.MessageID) > maxIDBytes || len(req.ConversationID) > maxIDBytes {
			return nil, api.FieldError(api.CodeInvalidArgument, "message_id", "ids are at most %d bytes", maxIDBytes)
		}
		if len(req.Tenant) > maxIDBytes || !utf8.ValidString(req.Tenant) {
			return nil, api.FieldError(api.CodeInvalidArgument, "tenant", "tenant must be valid UTF-8 of at most %d bytes", maxIDBytes)
		}
		index := messageKey(req.Tenant, req.ConversationID, req.MessageID)
		if req.MessageID == "" {
			index = conversationKey(req.Tenant, req.ConversationID)
		}
		n, err := c.cfg.Cache.Invalidate(ctx, index)
		if err != nil {
			return nil, api.Errorf(api.CodeUnavailable, "the translation cache is unavailable")
		}
		out.Deleted += n
	}
	if req.Request != nil {
		v, err := c.validate(*req.Request)
		if err != nil {
			return nil, err
		}
		var keys []string
		for _, r := range c.routed(v) {
			if r.Backend == nil || r.off != "" {
				continue
			}
			k := c.key(v, r.chainRung, backend.Request{Model: r.model, Prompt: r.prompt})
			if _, _, ok := c.cfg.Cache.Get(ctx, k); ok {
				keys = append(keys, k)
			}
		}
		if err := c.cfg.Cache.Delete(ctx, keys...); err != nil {
			return nil, api.Errorf(api.CodeUnavailable, "the translation cache is unavailable")
		}
		out.Deleted += len(keys)
	}
	if req.Key != "" {
		// Counted when still there, deleted either way: a key whose
		// claim marker another replica is about to replace with the
		// translation must go too (the holder's write then finds the
		// key changed and stores nothing).
		if _, _, ok := c.cfg.Cache.Get(ctx, req.Key); ok {
			out.Deleted++
		}
		if err := c.cfg.Cache.Delete(ctx, req.Key); err != nil {
			return nil, api.Errorf(api.CodeUnavailable, "the translation cache is unavailable")
		}
	}
	return out, nil
}

// translationKey reports whether key is a translation cache key as
// answers report it (cacheKey: "t." and a hex SHA-256), so that no
// invalidation names a claim, an index entry or anything else in the
// bucket.
func translationKey(key string) bool {
	h, ok := strings.CutPrefix(key, "t.")
	return ok && len(h) == 64 && strings.Trim(h, "0123456789abcdef") == ""
}

// OverrideBackend is the backend a moderator's translation reports
// (api.TranslateResponse.Backend, with Cache api.CacheOverride); naming it
// in api.TranslateRequest.Exclude skips the override.
const OverrideBackend = "moderator"

// Override stores a moderator's translation of a request's text, served
// from then on instead of any backend's (on every replica) to requests of
// the same tenant (req.Request.Tenant; none is a tenant of its own), or
// removes it when the translation is empty.
func (c *Chain) Override(ctx context.Context, req api.TranslateOverrideRequest) (*api.TranslateOverrideResponse, error) {
	v, err := c.validate(req.Request)
	if err != nil {
		return nil, err
	}
	moderator := strings.TrimSpace(req.Moderator)
	if moderator == "" || len(moderator) > maxIDBytes {
		return nil, api.FieldError(api.CodeInvalidArgument, "moderator", "name the moderator (at most %d bytes)", maxIDBytes)
	}
	key := overrideKey(v)
	if c.cfg.Cache == nil {
		return nil, api.Errorf(api.CodeUnavailable, "the translation cache is off (TRANSLATE_CACHE=false)")
	}
	if req.Translation == "" {
		if err := c.cfg.Cache.SetOverride(ctx, key, nil); err != nil {
			return nil, api.Errorf(api.CodeUnavailable, "the translation cache is unavailable")
		}
		return &api.TranslateOverrideResponse{Key: key, Removed: true}, nil
	}
	text, err := api.ValidateText("translation", req.Translation, c.cfg.MaxRunes)
	if err != nil {
		return nil, err
	}
	e := &cache.Entry{Text: text, Backend: OverrideBackend, Moderator: moderator, Formality: v.formality, Created: c.cfg.Now().UTC()}
	if err := c.cfg.Cache.SetOverride(ctx, key, e); err != nil {
		return nil, api.Errorf(api.CodeUnavailable, "the translation cache is unavailable")
	}
	return &api.TranslateOverrideResponse{Key: key}, nil
}
