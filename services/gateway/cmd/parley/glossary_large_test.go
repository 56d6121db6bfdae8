package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/glossary"
)

// The largest glossary an import accepts (GLOSSARY_MAX_ENTRIES two-language
// entries, 49 MB as TBX) goes through every command: pull as TBX writes a
// file that validate and push take, and diff compares it with the server.
// It takes minutes under -race on two cores, so `make test` leaves it out
// (services/glossary's TestLargestGlossaryRoundTripsAsTBX covers the limits
// there): PARLEY_TEST_LARGE=1 runs it.
func TestGlossaryCLILargestGlossary(t *testing.T) {
	if testing.Short() || os.Getenv("PARLEY_TEST_LARGE") == "" {
		t.Skip("moves 49 MB of TBX through the gateway; set PARLEY_TEST_LARGE=1 to run it")
	}
	url := server(t)
	var b strings.Builder
	b.WriteString("en,es\n")
	for i := range glossary.DefaultMaxEntries {
		fmt.Fprintf(&b, "term %d,término %d\n", i, i)
	}
	req, _ := http.NewRequest("POST", url+"/v1/glossaries/big/import", bytes.NewReader([]byte(b.String())))
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", "text/csv")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("import: %d", res.StatusCode)
	}

	dir := t.TempDir()
	start := time.Now()
	if code, out := run(t, url, testKey, "pull", "--format", "tbx", "--dir", dir, "big"); code != 0 {
		t.Fatalf("pull: %d\n%s", code, out)
	}
	st, err := os.Stat(filepath.Join(dir, "big.tbx"))
	if err != nil || st.Size() <= 32<<20 {
		t.Fatalf("pulled TBX: %v %v (the test needs a file over the CSV limit)", st, err)
	}
	t.Logf("pull: %d bytes of TBX in %v", st.Size(), time.Since(start))
	for _, cmd := range [][]string{
		{"validate", dir},
		{"diff", dir},
		{"push", dir},
	} {
		start := time.Now()
		code, out := run(t, url, testKey, cmd...)
		if code != 0 || (cmd[0] != "validate" && !strings.Contains(out, "up to date")) {
			t.Fatalf("%s: %d\n%s", cmd[0], code, out)
		}
		t.Logf("%s: %v", cmd[0], time.Since(start))
	}
}
