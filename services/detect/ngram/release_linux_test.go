package ngram

import (
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"
)

// rssFileKB reads the file-backed part of the resident set.
func rssFileKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssFile:" {
			kb, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(err)
			}
			return kb
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

func TestReleaseModelPages(t *testing.T) {
	// Read a few megabytes of lingua's zipped models (pages of the
	// executable), then hand them back.
	for _, l := range []lingua.Language{lingua.English, lingua.German, lingua.Czech} {
		rc, _, err := openModel(l, 5)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	before := rssFileKB(t)
	releaseModelPages()
	after := rssFileKB(t)
	t.Logf("file-backed resident set: %d kB before, %d kB after", before, after)
	if after >= before {
		t.Errorf("releasing the model pages left the file-backed resident set at %d kB (was %d kB)", after, before)
	}
}
