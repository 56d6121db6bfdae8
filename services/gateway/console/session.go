package console

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"slices"
	"sync"
	"time"
)

// Session is a signed-in console user.
type Session struct {
	// Principal is who signed in and with which roles.
	Principal Principal
	// CSRF is the synchronizer token every form of this session carries.
	CSRF string
	// Created is the sign-in time; Seen the last request.
	Created, Seen time.Time
}

// can reports whether the session's principal holds role (admins hold
// every role).
func (s *Session) can(role string) bool {
	return s != nil && (slices.Contains(s.Principal.Roles, role) || slices.Contains(s.Principal.Roles, RoleAdmin))
}

// owner names the key a session belongs to, for the per-key bound: the
// key id, or the name for a principal without one.
func (p Principal) owner() string {
	if p.KeyID != "" {
		return p.KeyID
	}
	return "name:" + p.Name
}

// sessionStore keeps sessions in memory, keyed by the SHA-256 of the
// cookie value: the map never holds a usable session id, so a heap dump
// does not let anyone take over a session. A session ends at logout, after
// idle time without a request, or after its absolute lifetime.
type sessionStore struct {
	mu       sync.Mutex
	sessions map[[sha256.Size]byte]*Session
	ttl      time.Duration
	idle     time.Duration
	max      int
	// perKey bounds the sessions of one key (Principal.owner).
	perKey int
	now    func() time.Time
}

func newSessionStore(ttl, idle time.Duration, max, perKey int, now func() time.Time) *sessionStore {
	return &sessionStore{sessions: map[[sha256.Size]byte]*Session{}, ttl: ttl, idle: idle, max: max, perKey: perKey, now: now}
}

// randomToken returns 32 bytes from crypto/rand, base64url-encoded.
func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// create starts a session and returns its cookie value. Expired sessions
// are swept here, so the store needs no goroutine. A sign-in never ends
// another key's session while that key is within its share: past perKey
// sessions the key's own oldest session ends, and when the whole store is
// full the oldest session of the key holding the most goes. So a script
// signing in over and over with one key (or a handful) only ever signs
// itself out, not the moderators beside it.
func (st *sessionStore) create(p Principal) (string, *Session) {
	id := randomToken()
	now := st.now()
	s := &Session{Principal: p, CSRF: randomToken(), Created: now, Seen: now}
	st.mu.Lock()
	defer st.mu.Unlock()
	count := map[string]int{}
	for k, v := range st.sessions {
		if st.expired(v, now) {
			delete(st.sessions, k)
			continue
		}
		count[v.Principal.owner()]++
	}
	owner := p.owner()
	if count[owner] >= st.perKey {
		st.evictOldest(owner)
		count[owner]--
	}
	if len(st.sessions) >= st.max {
		busiest := ""
		for o, n := range count {
			if n > count[busiest] || n == count[busiest] && o < busiest {
				busiest = o
			}
		}
		st.evictOldest(busiest)
	}
	st.sessions[sha256.Sum256([]byte(id))] = s
	return id, s
}

// evictOldest ends the oldest session of owner. The caller holds st.mu.
func (st *sessionStore) evictOldest(owner string) {
	var oldestKey [sha256.Size]byte
	var oldest *Session
	for k, v := range st.sessions {
		if v.Principal.owner() == owner && (oldest == nil || v.Created.Before(oldest.Created)) {
			oldest, oldestKey = v, k
		}
	}
	if oldest != nil {
		delete(st.sessions, oldestKey)
	}
}

func (st *sessionStore) expired(s *Session, now time.Time) bool {
	return now.Sub(s.Created) >= st.ttl || now.Sub(s.Seen) >= st.idle
}

// get returns the live session of a cookie value and marks it seen.
func (st *sessionStore) get(id string) *Session {
	if id == "" {
		return nil
	}
	key := sha256.Sum256([]byte(id))
	now := st.now()
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.sessions[key]
	if s == nil {
		return nil
	}
	if st.expired(s, now) {
		delete(st.sessions, key)
		return nil
	}
	s.Seen = now
	// Callers read the copy; the store keeps the original.
	c := *s
	return &c
}

// delete ends a session.
func (st *sessionStore) delete(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.sessions, sha256.Sum256([]byte(id)))
}

// len is the number of stored sessions (expired ones included until swept).
func (st *sessionStore) len() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.sessions)
}

// tokenEqual compares two tokens in constant time.
func tokenEqual(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
