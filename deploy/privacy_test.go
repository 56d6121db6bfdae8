package deploy_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPrivacyInventory keeps docs/privacy.md true to the code: a data
// protection officer reads it as the list of everything Parley keeps, so
// a stream or bucket added to deploy/nats/jetstream.yaml without a row
// there, or a setting the page names that the code no longer reads, is a
// wrong answer to an access or erasure request.
func TestPrivacyInventory(t *testing.T) {
	doc := string(readFile(t, "docs/privacy.md"))
	var st jetStreamStatement
	if err := yaml.Unmarshal(readFile(t, "deploy/nats/jetstream.yaml"), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Assets) == 0 {
		t.Fatal("deploy/nats/jetstream.yaml lists no assets")
	}
	for _, a := range st.Assets {
		if !strings.Contains(doc, "`"+a.Name+"`") {
			t.Errorf("docs/privacy.md has no row for the %s %s (deploy/nats/jetstream.yaml)", a.Kind, a.Name)
		}
	}

	// Settings are quoted as `NAME` outside code blocks; nats.conf examples
	// (fenced) may name variables of the operator's own.
	keys := codeKeys(t)
	setting := regexp.MustCompile("`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`")
	eachLine(t, repoRoot(t)+"/docs/privacy.md", func(n int, line string) {
		for _, m := range setting.FindAllStringSubmatch(line, -1) {
			if !keys[m[1]] {
				t.Errorf("docs/privacy.md:%d names %s, which no service reads", n, m[1])
			}
		}
	})

	// The page says Parley does not expose JetStream encryption and tells
	// how to set it in nats.conf; once the embedded server takes a key,
	// that advice is wrong.
	if bytes.Contains(allGo(t), []byte("JetStreamKey")) && strings.Contains(doc, "Parley does not expose JetStream encryption") {
		t.Error("the code sets a JetStream encryption key but docs/privacy.md says Parley does not expose one")
	}
}
