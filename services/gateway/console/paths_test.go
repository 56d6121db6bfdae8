package console_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestUncleanPaths checks that dot segments and doubled slashes, encoded
// or not, get one canonical redirect inside the console or the console's
// 404, never a redirect to a double-encoded path or off the console.
func TestUncleanPaths(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	u.signIn(l10nKey)
	for _, tc := range []struct {
		path   string
		status int
		to     string
	}{
		{"/console/.%2e//evil.com", http.StatusNotFound, ""},
		{"/console/..//evil.com", http.StatusNotFound, ""},
		{"/console/%2e%2e/v1/moderation/cases", http.StatusNotFound, ""},
		{"/console/glossaries/%2e%2e/%2e%2e/%2e%2e/metrics", http.StatusNotFound, ""},
		{"/console//evil.com", http.StatusMovedPermanently, "/console/evil.com"},
		{"/console/glossaries/./demo?q=x", http.StatusMovedPermanently, "/console/glossaries/demo?q=x"},
		{"/console/glossaries/x/%2e%2e/demo", http.StatusMovedPermanently, "/console/glossaries/demo"},
		{"/console/glossaries/demo", http.StatusOK, ""},
		// A final "." or ".." stands for a directory: one redirect, to
		// the home page, not to "/console" and then "/console/".
		{"/console/.", http.StatusMovedPermanently, "/console/"},
		{"/console/%2e", http.StatusMovedPermanently, "/console/"},
		{"/console/glossaries/%2e%2e", http.StatusMovedPermanently, "/console/"},
		{"/console/glossaries/..", http.StatusMovedPermanently, "/console/"},
		{"/console/login/..", http.StatusMovedPermanently, "/console/"},
		{"/console/login/..?next=x", http.StatusMovedPermanently, "/console/?next=x"},
		{"/console/glossaries/demo/..", http.StatusMovedPermanently, "/console/glossaries/"},
		{"/console/glossaries/.", http.StatusMovedPermanently, "/console/glossaries/"},
		{"/console/..", http.StatusNotFound, ""},
		{"/console/./..", http.StatusNotFound, ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			p := u.get(tc.path)
			if p.status != tc.status || p.header.Get("Location") != tc.to {
				t.Fatalf("%d %q, want %d %q", p.status, p.header.Get("Location"), tc.status, tc.to)
			}
			if tc.status == http.StatusNotFound && !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
				t.Fatalf("not the console's 404: %s", p.header.Get("Content-Type"))
			}
		})
	}
}
