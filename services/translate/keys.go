package translate

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"slices"
)

// Cache keys are hashes of everything that decides an answer, so that two
// requests share a translation exactly when they would get the same one:
//
//   - the NFC-normalized text, the canonical source and target tags;
//   - the glossary's id and version, and the protected terms and term
//     hints themselves (they change the prompt and the sentinels);
//   - the backend and its model, and the revision of a backend whose
//     answers changed with its code (Apertium's KeyRevision);
//   - the text format when it is HTML (its answers pass a stricter check);
//   - for LLM backends: the prompt template's id and version, the
//     formality asked for, a hash of the context messages, and whether
//     the glossary terms were asked for as hard requirements;
//   - the request's tenant, when it has one: each tenant has a cache of
//     its own (see cacheKey).
//
// The message id is not part of the key: identical messages share one
// translation (as Mastodon's cache does), and an edit, which changes the
// text, changes the key. Keys are prefixed by their kind and use only the
// characters JetStream KV keys allow.
const keySchema = "parley-translate-key-v1"

// keyHash writes length-prefixed fields, so that no two field lists hash
// alike.
type keyHash struct{ h hash.Hash }

func newKeyHash(kind string) keyHash {
	k := keyHash{sha256.New()}
	k.add(keySchema)
	k.add(kind)
	return k
}

func (k keyHash) add(fields ...string) {
	var n [8]byte
	for _, f := range fields {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		k.h.Write(n[:])
		k.h.Write([]byte(f))
	}
}

func (k keyHash) sum(prefix string) string {
	return prefix + hex.EncodeToString(k.h.Sum(nil))
}

// cacheKey is the key of v's translation by one backend. model is the
// model that serves it, prompt the template reference of an LLM backend
// ("" for engines without prompts, whose answers do not depend on
// formality or context either).
//
// The tenant is part of the key although a backend translates every
// tenant's text alike: a shared entry answers in milliseconds where a
// backend call takes hundreds, so one tenant could tell from the timing
// and the "cache" field of a /v1/translate answer whether another tenant
// wrote an exact text (an IBAN, a name, a leaked password). Coalescing
// keys on the cache key too, so tenants never share a call either.
// Requests without a tenant (open mode) share the tenant "": the field is
// added only when set, so their keys are those every key had before; the
// fields are length-prefixed and named, so no key without a tenant hashes
// like a tenant's.
func cacheKey(v validated, backendName, model, prompt string) string {
	k := newKeyHash("translation")
	k.add(v.text, v.source, v.target, v.glossary)
	protect := slices.Clone(v.protect)
	slices.Sort(protect)
	protect = slices.Compact(protect)
	k.add("protect")
	k.add(protect...)
	k.add("terms")
	for _, t := range v.terms {
		k.add(t.Source, t.Target)
		if t.Match != "" {
			// Apertium applies whole-word terms only. Added only when
			// set, so that every other key stays as it was.
			k.add("match", t.Match)
		}
	}
	k.add("backend", backendName, model)
	if v.format != "" {
		// An answer checked as chat text may hold markup that HTML mode
		// refuses: it must not be served to a request in HTML mode.
		// Added only when set, so that every other key stays as it was.
		k.add("format", v.format)
	}
	if prompt != "" {
		k.add("prompt", prompt, v.formality, contextHash(v))
		if v.strictTerms {
			// The retry with terms as requirements must not be served
			// the cached translation that ignored them. Added only when
			// set, so that every other key stays as it was.
			k.add("strict-terms")
		}
	}
	if v.tenant != "" {
		k.add("tenant", v.tenant)
	}
	return k.sum("t.")
}

// contextHash stands for the context messages in keys ("" when none).
func contextHash(v validated) string {
	if len(v.context) == 0 {
		return ""
	}
	k := newKeyHash("context")
	for _, m := range v.context {
		k.add(m.Author, m.Text)
	}
	return k.sum("")
}

// overrideKey is the key of a moderator's translation: the text in the
// target language at the asked register, for the request's tenant,
// whichever backend, prompt, glossary or context would have translated
// it. A correction states what the message means; an edit changes the
// text and so the key.
//
// The tenant is part of the key because a correction is text a tenant's
// moderator wrote: it must never be served to another tenant's readers
// (the chain's own translations are keyed by tenant too: cacheKey). No
// tenant is a tenant of its own: its key is the one overrides had before
// tenants were keyed, so overrides stored then keep applying to requests
// without a tenant only, and no tenant's request ever finds them. The
// tenant is added only when set; a key without one ends with the register
// (one of three fixed values), so it cannot hash like a tenant's.
func overrideKey(v validated) string {
	k := newKeyHash("override")
	k.add(v.text, v.source, v.target, v.formality)
	if v.tenant != "" {
		k.add("tenant", v.tenant)
	}
	return k.sum("o.")
}

// conversationKey is the index key of every translation made of a
// conversation's messages for a tenant, so that a conversation can be
// invalidated as a whole (a moderator cleaning up after a glossary or
// model fix).
//
// The tenant is part of the index keys because ids are unique per tenant
// only: two tenants may each have message "order-1001" in conversation
// "support", and invalidating one must neither delete the other's
// translations nor count them (a signal of what another tenant wrote).
// No tenant is a tenant of its own, keyed as every index was before
// tenants were (so entries indexed then are found by invalidations
// without a tenant); the tenant is added only when set, after the ids,
// so that no tenant's key hashes like a key without one.
func conversationKey(tenant, conversation string) string {
	if conversation == "" {
		return ""
	}
	k := newKeyHash("conversation")
	k.add(conversation)
	if tenant != "" {
		k.add("tenant", tenant)
	}
	return k.sum("c.")
}

// messageKey is the index key of a tenant's chat message's translations
// (see conversationKey for the tenant).
func messageKey(tenant, conversation, message string) string {
	if message == "" {
		return ""
	}
	k := newKeyHash("message")
	k.add(conversation, message)
	if tenant != "" {
		k.add("tenant", tenant)
	}
	return k.sum("m.")
}
