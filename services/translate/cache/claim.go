package cache

import (
	"context"
	"errors"
)

// Claims let replicas agree that exactly one of them calls a backend for a
// key while the others wait for its result: the cross-replica half of
// request coalescing (the in-process half is the translate chain's flight
// group). natskv.Store implements them with JetStream KV: a claim is a key
// created with kv.Create (which fails when it exists) in a bucket whose TTL
// frees the claims of a replica that died, refreshed while the call runs.

// Errors of Claimer.
var (
	// ErrClaimed: another replica holds the claim; Await its result.
	ErrClaimed = errors.New("claimed by another replica")
	// ErrReleased: the claim went away without a result (released without
	// one, or expired because its holder died); claim again.
	ErrReleased = errors.New("claim released without a result")
	// ErrDone: the claim's holder has just stored its result; read the
	// cache.
	ErrDone = errors.New("claimed and done: the result is in the cache")
)

// Failure is what a claim holder's backend call failed with, shared with
// the replicas waiting for it, so that they move down the chain at once
// instead of repeating a call that just failed.
type Failure struct {
	// Kind is the name of the backend error kind ("busy", "timed out" ...).
	Kind   string `json:"kind"`
	Detail string `json:"detail,omitempty"`
}

// Claim is a held claim.
type Claim interface {
	// Release ends the claim. With a nil failure the result must already
	// be in the shared cache (waiters read it there); otherwise waiters
	// get the failure.
	Release(ctx context.Context, failure *Failure)
}

// Claimer hands out claims on keys.
type Claimer interface {
	// Claim makes this replica the one that computes key, or fails with
	// ErrClaimed.
	Claim(ctx context.Context, key string) (Claim, error)
	// Await waits for the result of another replica's claim on key: the
	// cached entry, the holder's failure, or ErrReleased.
	Await(ctx context.Context, key string) (Entry, *Failure, error)
}
