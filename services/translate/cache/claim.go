package cache

import (
	"context"
	"errors"
)

// Claims let replicas agree that exactly one of them calls a backend for a
// key while the others wait for its result: the cross-replica half of
// request coalescing (the in-process half is the translate chain's flight
// group). natskv.Store implements them in the cache bucket itself: a claim
// is a marker stored under the key (created only when the key holds
// nothing) with a per-message TTL that frees the claim of a replica that
// died, refreshed while the call runs, and the result replaces it.

// Errors of Claimer.
var (
	// ErrClaimed: another replica holds the claim; Await its result.
	ErrClaimed = errors.New("claimed by another replica")
	// ErrReleased: the claim went away without a result (released without
	// one, expired because its holder died, or deleted by an
	// invalidation); claim again.
	ErrReleased = errors.New("claim released without a result")
)

// Failure is what a claim holder's backend call failed with, shared with
// the replicas waiting for it, so that they move down the chain at once
// instead of repeating a call that just failed.
type Failure struct {
	// Kind is the name of the backend error kind ("busy", "timed out" ...).
	Kind   string `json:"kind"`
	Detail string `json:"detail,omitempty"`
}

// Claim is a held claim. Exactly one of Fulfil and Release ends it.
type Claim interface {
	// Fulfil stores the result under the claimed key, which ends the
	// claim and hands the result to the waiting replicas. It fails with
	// ErrReleased, storing nothing, when the key was deleted (an
	// invalidation) or taken over since.
	Fulfil(ctx context.Context, e Entry) error
	// Release ends the claim without a result: waiters get failure, or
	// with nil ErrReleased, and claim again.
	Release(ctx context.Context, failure *Failure)
}

// Claimer hands out claims on keys.
type Claimer interface {
	// Acquire returns the entry cached under key (found), or makes this
	// replica the one that computes it (a Claim), or fails with
	// ErrClaimed while another replica holds the claim. A miss costs one
	// JetStream write; a hit one more read.
	Acquire(ctx context.Context, key string) (e Entry, found bool, c Claim, err error)
	// Await waits for the result of another replica's claim on key: the
	// cached entry, the holder's failure, or ErrReleased.
	Await(ctx context.Context, key string) (Entry, *Failure, error)
}
