package suite_test

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway/suite"
)

// TestSuiteEncryptsTheStore: with PARLEY_JS_KEY the all-in-one command's
// embedded server writes its streams and buckets encrypted (each has its
// key file), says so in its summary without the key, and a later start
// with another key stops at once, naming the setting, rather than start
// on an empty store beside the unreadable one (the bytes on disk are
// checked in shared/natsutil's TestEmbeddedJetStreamEncryption).
func TestSuiteEncryptsTheStore(t *testing.T) {
	const key = "suite-key-of-thirty-two-characters-or-more"
	vars := authSuiteVars(t)
	vars["PARLEY_JS_KEY"] = key
	vars["PARLEY_JS_CIPHER"] = "aes"
	out, stop := runSuite(t, vars)
	stop()
	if s := out.String(); !strings.Contains(s, "store encrypted with AES-GCM") || strings.Contains(s, key) {
		t.Errorf("the summary should name the cipher, not the key:\n%s", s)
	}
	keys, _ := filepath.Glob(filepath.Join(vars["PARLEY_STATE_DIR"], "nats", "jetstream", "*", "streams", "*", "meta.key"))
	metas, _ := filepath.Glob(filepath.Join(vars["PARLEY_STATE_DIR"], "nats", "jetstream", "*", "streams", "*", "meta.inf"))
	if len(metas) == 0 || len(keys) != len(metas) {
		t.Fatalf("%d of %d streams have a key file: not all encrypted", len(keys), len(metas))
	}

	vars["PARLEY_JS_KEY"] = "another-key-of-thirty-two-characters-or-more"
	err := suite.Run(context.Background(), func(k string) string { return vars[k] }, io.Discard)
	if err == nil || !strings.HasPrefix(err.Error(), "PARLEY_JS_KEY: ") || !strings.Contains(err.Error(), "the key does not open the JetStream store") {
		t.Fatalf("a start with another key = %v, want a refusal naming PARLEY_JS_KEY", err)
	}
	if strings.Contains(err.Error(), key) || strings.Contains(err.Error(), vars["PARLEY_JS_KEY"]) {
		t.Fatalf("the error holds a key: %v", err)
	}
}
