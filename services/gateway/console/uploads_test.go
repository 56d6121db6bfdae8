package console_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// spooled lists the multipart uploads Go spooled to dir (its temporary
// directory): "multipart-*" files.
func spooled(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "multipart-*"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// multipartBody is a form with a file of size bytes and the given fields.
func multipartBody(size int, fields map[string]string) (*bytes.Buffer, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	// A TBX file of one entry, padded as an indented export is.
	fw, _ := w.CreateFormFile("file", "big.tbx")
	_, _ = fw.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>` +
		`<conceptEntry id="reply"><langSec xml:lang="en"><termSec><term>reply</term></termSec></langSec>` +
		`<langSec xml:lang="es"><termSec><term>respuesta</term></termSec></langSec></conceptEntry>`))
	_, _ = fw.Write(bytes.Repeat([]byte(" "), size))
	_, _ = fw.Write([]byte(`</body></text></tbx>`))
	_ = w.Close()
	return &b, w.FormDataContentType()
}

// No upload outlives its request: the sign-in form, which anyone can post
// to, reads no more than a form's 1 MiB and spools nothing; a page whose
// role the session lacks, or that takes no file, never reads (or spools)
// one; and the import's file, spooled to disk, is removed once the
// import has answered.
func TestUploadsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir) // os.TempDir, where multipart spools files
	f := newFixture(t)
	lena := f.user(t)
	lena.signIn(l10nKey)
	mo := f.user(t)
	mo.signIn(modKey)
	const big = 12 << 20 // over the 8 MiB an import keeps in memory

	tests := []struct {
		name   string
		u      *user
		path   string
		fields map[string]string
		status int
		want   string // in the body
	}{
		{"sign-in without a key", f.user(t), "/console/login", map[string]string{"key": "x", "csrf": "y"},
			http.StatusRequestEntityTooLarge, "the form is over"},
		{"a page without the role", mo, "/console/glossaries/demo/import", map[string]string{"dry_run": "on"},
			http.StatusForbidden, "do not open this page"},
		{"a page that takes no file", lena, "/console/glossaries/demo/entries/channel", nil,
			http.StatusRequestEntityTooLarge, "the form is over"},
		{"an import's dry run", lena, "/console/glossaries/demo/import", map[string]string{"dry_run": "on", "mode": "merge"},
			http.StatusOK, "Dry run: nothing was written"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.u.get("/console/glossaries")
			fields := map[string]string{"csrf": tt.u.csrf}
			for k, v := range tt.fields {
				fields[k] = v
			}
			body, ct := multipartBody(big, fields)
			req, _ := http.NewRequest("POST", f.url+tt.path, body)
			req.Header.Set("Content-Type", ct)
			p := tt.u.do(req)
			if p.status != tt.status || !strings.Contains(p.body, tt.want) {
				t.Fatalf("status %d, want %d with %q: %.400s", p.status, tt.status, tt.want, p.body)
			}
			// The response has ended; a file left now stays for good
			// (the short wait only forgives a slow file system).
			deadline := time.Now().Add(time.Second)
			for files := spooled(t, dir); len(files) > 0; files = spooled(t, dir) {
				if time.Now().After(deadline) {
					t.Fatalf("uploads left in the temporary directory: %v", files)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}
