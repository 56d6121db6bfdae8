package natsutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
)

// Encryption at rest of the embedded server's JetStream file store
// (nats-server's jetstream { key, cipher }).
//
// nats-server does not refuse to start with a key that does not open the
// store (or with no key on an encrypted store): it warns "Error decrypting
// our stream metafile" and leaves the stream out, as if it did not exist.
// The services would then create their streams and buckets afresh beside
// the unreadable ones and serve an empty history. RunEmbedded refuses
// instead (checkEncryptedStreams).

// MinJetStreamKeyLen is the shortest JetStream key RunEmbedded takes, in
// bytes. nats-server takes any key (it derives the stores' keys from it
// with HMAC-SHA256); a short one is a password an attacker who has the
// disk can guess offline. 32 characters is what a random key of 24
// bytes or more written in base64 comes to.
const MinJetStreamKeyLen = 32

// Ciphers are the names ParseCipher takes, the first the default.
var Ciphers = []string{"chachapoly", "aes"}

// ErrJetStreamKey is RunEmbedded's error for a JetStream key or cipher it
// cannot use, or a store the key does not open, for callers that name
// their own variables (errors.Is). Its messages never hold the key.
var ErrJetStreamKey = errors.New("jetstream encryption")

// ParseCipher returns nats-server's cipher named name: "chachapoly"
// (ChaCha20-Poly1305, also when name is empty) or "aes" (AES-GCM), in
// any case, as nats-server's own configuration names them.
func ParseCipher(name string) (server.StoreCipher, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "chachapoly", "chacha":
		return server.ChaCha, nil
	case "aes":
		return server.AES, nil
	}
	return server.NoCipher, fmt.Errorf("%w: unknown cipher %q: use %s", ErrJetStreamKey, name, strings.Join(Ciphers, " or "))
}

// CheckJetStreamKey refuses a key too short to resist guessing; an empty
// key (no encryption) is fine. The error gives the key's length, never
// the key.
func CheckJetStreamKey(key string) error {
	if key != "" && len(key) < MinJetStreamKeyLen {
		return fmt.Errorf("%w: the key is %d characters; use at least %d (a random secret, such as the output of `openssl rand -base64 32`)", ErrJetStreamKey, len(key), MinJetStreamKeyLen)
	}
	return nil
}

// checkEncryptedStreams reports the encrypted streams of the store that
// the running server did not load: their metadata has a key file
// (meta.key) that the server's key, or its lack of one, did not open.
// Streams that failed to load for another reason (a missing metafile, a
// bad checksum) are nats-server's to report, as before.
func checkEncryptedStreams(s *server.Server, storeDir string, encrypted bool) error {
	// <store>/jetstream/<account>/streams/<stream>/meta.key
	keys, err := filepath.Glob(filepath.Join(storeDir, server.JetStreamStoreDir, "*", "streams", "*", server.JetStreamMetaFileKey))
	if err != nil || len(keys) == 0 {
		return nil
	}
	info, err := s.Jsz(&server.JSzOptions{Accounts: true, Streams: true})
	if err != nil {
		return fmt.Errorf("%w: list the loaded streams: %w", ErrJetStreamKey, err)
	}
	loaded := map[string]bool{}
	for _, a := range info.AccountDetails {
		for _, st := range a.Streams {
			loaded[a.Name+"/"+st.Name] = true
		}
	}
	var lost []string
	for _, k := range keys {
		dir := filepath.Dir(k)
		name := filepath.Base(dir)
		acc := filepath.Base(filepath.Dir(filepath.Dir(dir)))
		if strings.HasPrefix(name, ".") || loaded[acc+"/"+name] {
			continue // "." marks a stream being deleted
		}
		if _, err := os.Stat(filepath.Join(dir, server.JetStreamMetaFile)); err != nil {
			continue
		}
		lost = append(lost, name)
	}
	if len(lost) == 0 {
		return nil
	}
	slices.Sort(lost)
	if n := len(lost); n > 4 {
		lost = append(lost[:3], fmt.Sprintf("%d more", n-3))
	}
	if !encrypted {
		return fmt.Errorf("%w: the JetStream store in %s is encrypted (streams %s) and no key is set: start with the key it was written with", ErrJetStreamKey, storeDir, strings.Join(lost, ", "))
	}
	// A key and cipher derive the streams' keys together, so a changed
	// cipher (PARLEY_JS_CIPHER) with the same key fails here as a changed
	// key does: the message names both, or an operator who changed only
	// the cipher goes looking for a key that is right.
	return fmt.Errorf("%w: the key does not open the JetStream store in %s (streams %s were written with another key, or with another cipher: PARLEY_JS_CIPHER, jetstream { cipher }): start with the key and the cipher they were written with; a cipher cannot be changed in place", ErrJetStreamKey, storeDir, strings.Join(lost, ", "))
}
