package natsutil_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/natsutil"
)

// canary is a message body distinctive enough that finding its bytes in
// the store means the store holds it in clear.
const canary = "parley-at-rest-canary: the quick brown fox pays 4111 1111 1111 1111"

// logBuffer is the servers' log, written from their goroutines: a
// server RunEmbedded refused may still log from its Start goroutine
// while the next one starts, each through a handler of its own.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// storeConfig is an embedded server on dir with key and cipher, logging
// everything into logs.
func storeConfig(dir, key, cipher string, logs *logBuffer) natsutil.EmbedConfig {
	return natsutil.EmbedConfig{Port: -1, StoreDir: dir, JetStreamKey: key, JetStreamCipher: cipher,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
}

// publishCanary starts a server on dir, stores canary in stream S (a KV
// value too, as the services' buckets are streams) and stops it.
func publishCanary(t *testing.T, dir, key, cipher string, logs *logBuffer) {
	t.Helper()
	s, err := natsutil.RunEmbedded(storeConfig(dir, key, cipher, logs))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	nc, err := natsutil.Connect("", s, "canary", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "S", Subjects: []string{"s.>"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(ctx, "s.one", []byte(canary)); err != nil {
		t.Fatal(err)
	}
	kv, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Put(ctx, "k", []byte(canary)); err != nil {
		t.Fatal(err)
	}
}

// storeHolds reports the files under dir whose bytes contain s.
func storeHolds(t *testing.T, dir, s string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(s)) {
			found = append(found, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// readCanary starts a server on dir and reads the canary back.
func readCanary(t *testing.T, dir, key, cipher string, logs *logBuffer) {
	t.Helper()
	s, err := natsutil.RunEmbedded(storeConfig(dir, key, cipher, logs))
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	nc, err := natsutil.Connect("", s, "reader", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := js.Stream(ctx, "S")
	if err != nil {
		t.Fatalf("stream S after restart: %v", err)
	}
	msg, err := st.GetMsg(ctx, 1)
	if err != nil || string(msg.Data) != canary {
		t.Fatalf("message 1 after restart = %v, %v; want the canary", msg, err)
	}
	kv, err := js.KeyValue(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if e, err := kv.Get(ctx, "k"); err != nil || string(e.Value()) != canary {
		t.Fatalf("key k after restart = %v, %v; want the canary", e, err)
	}
}

// TestEmbeddedJetStreamEncryption: without a key the store's files hold a
// published body in clear; with one (either cipher) they do not, and a
// restart with the same key reads it back. A restart with another key, or
// none, is refused by name (nats-server itself would start and leave the
// streams out, so that the services created them afresh, empty). The key
// is in no log line and no error.
func TestEmbeddedJetStreamEncryption(t *testing.T) {
	const key, other = "k3y-0f-at-least-thirty-two-chars-Zq81", "an0ther-key-0f-thirty-two-chars-Xw77"
	t.Run("plain", func(t *testing.T) {
		dir := t.TempDir()
		var logs logBuffer
		publishCanary(t, dir, "", "", &logs)
		if len(storeHolds(t, dir, canary)) == 0 {
			t.Fatal("the canary is in no file of an unencrypted store: the check below proves nothing")
		}
		readCanary(t, dir, "", "", &logs)
	})
	for _, cipher := range []string{"", "chachapoly", "aes", "AES"} {
		t.Run("cipher="+cipher, func(t *testing.T) {
			dir := t.TempDir()
			var logs logBuffer
			publishCanary(t, dir, key, cipher, &logs)
			if files := storeHolds(t, dir, canary); len(files) > 0 {
				t.Fatalf("the canary is in clear in %v", files)
			}
			readCanary(t, dir, key, cipher, &logs)
			for _, tc := range []struct {
				name, key, cipher, want string
			}{
				{"another key", other, cipher, "the key does not open the JetStream store"},
				// A changed cipher with the same key fails as another key
				// does (where nats-server does not convert the stream):
				// the message names the cipher setting too.
				{"another key", other, cipher, "or with another cipher: PARLEY_JS_CIPHER"},
				{"no key", "", cipher, "is encrypted (streams KV_b, S) and no key is set"},
			} {
				s, err := natsutil.RunEmbedded(storeConfig(dir, tc.key, tc.cipher, &logs))
				if err == nil {
					s.Shutdown()
					t.Fatalf("%s: the server started", tc.name)
				}
				if !errors.Is(err, natsutil.ErrJetStreamKey) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("%s: %v, want ErrJetStreamKey with %q", tc.name, err, tc.want)
				}
				for _, k := range []string{key, other} {
					if strings.Contains(err.Error(), k) {
						t.Fatalf("%s: the error holds the key: %v", tc.name, err)
					}
				}
			}
			// Still readable with the right key: the refusals wrote nothing.
			readCanary(t, dir, key, cipher, &logs)
			if strings.Contains(logs.String(), key) || strings.Contains(logs.String(), other) {
				t.Fatal("a log line holds the key")
			}
			if !strings.Contains(logs.String(), "Encryption:") {
				t.Fatalf("nats-server logged no encryption line:\n%s", logs.String())
			}
		})
	}
}

// TestEmbeddedJetStreamKeyRefused: a key too short to resist guessing and
// a cipher nats-server does not have are refused before the store is
// touched, the key not repeated.
func TestEmbeddedJetStreamKeyRefused(t *testing.T) {
	for _, tc := range []struct {
		name, key, cipher, want string
	}{
		{"short key", "short-secret", "", "the key is 12 characters; use at least 32"},
		{"31 characters", strings.Repeat("k", 31), "", "the key is 31 characters"},
		{"unknown cipher", strings.Repeat("k", 32), "des", `unknown cipher "des": use chachapoly or aes`},
		{"cipher without key", "", "rot13", `unknown cipher "rot13"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "store")
			_, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: dir, JetStreamKey: tc.key, JetStreamCipher: tc.cipher})
			if !errors.Is(err, natsutil.ErrJetStreamKey) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("RunEmbedded = %v, want ErrJetStreamKey with %q", err, tc.want)
			}
			if tc.key != "" && strings.Contains(err.Error(), tc.key) {
				t.Fatalf("the error holds the key: %v", err)
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("the store directory was created (%v)", err)
			}
		})
	}
	// The shortest key taken.
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), JetStreamKey: strings.Repeat("k", 32)})
	if err != nil {
		t.Fatal(err)
	}
	s.Shutdown()
	s.WaitForShutdown()
}
