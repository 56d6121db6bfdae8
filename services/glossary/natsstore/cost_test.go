package natsstore_test

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestBytesPerEdit measures what a single-entry edit of a 20,000-entry
// glossary adds to the document bucket's stream (docs/glossary.md, "What
// a version costs"), and that version retention (KeepVersions) bounds it:
// after many edits the stream holds about KeepVersions documents.
func TestBytesPerEdit(t *testing.T) {
	// A 2.7 MB document per write: more than ctx's 20s on a busy machine.
	c, cancelC := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancelC()
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	s, err := natsstore.Open(c, nc, natsstore.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	streamBytes := func() uint64 {
		st, err := js.Stream(c, "OBJ_"+natsstore.BucketDocs)
		if err != nil {
			t.Fatal(err)
		}
		info, err := st.Info(c)
		if err != nil {
			t.Fatal(err)
		}
		return info.State.Bytes
	}
	// What the stream's files take on disk: the bucket compresses (S2),
	// which State.Bytes, the uncompressed size, does not show.
	diskBytes := func() uint64 {
		var total uint64
		root := srv.JetStreamConfig().StoreDir
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(p, "OBJ_"+natsstore.BucketDocs) {
				if fi, err := d.Info(); err == nil {
					total += uint64(fi.Size())
				}
			}
			return nil
		})
		return total
	}
	const keep = 3
	m := glossary.NewManager(glossary.ManagerConfig{Store: s, KeepVersions: keep})
	mctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := m.Start(mctx); err != nil {
		t.Fatal(err)
	}
	const n = 20_000
	entries := make([]api.GlossaryEntry, n)
	for i := range entries {
		entries[i] = api.GlossaryEntry{Terms: []api.GlossaryTerm{
			{Language: "en", Text: fmt.Sprintf("conversation thread %d", i)},
			{Language: "de", Text: fmt.Sprintf("Gesprächsverlauf %d", i)},
		}}
	}
	if _, err := m.Create(c, &api.GlossaryCreateRequest{Author: "t", Glossary: api.Glossary{ID: "big", Entries: entries}}); err != nil {
		t.Fatal(err)
	}
	exp, err := m.Export(c, &api.GlossaryExportRequest{ID: "big", Format: api.FormatCSV})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(i int) {
		t.Helper()
		e := api.GlossaryEntry{Terms: []api.GlossaryTerm{{Language: "en", Text: fmt.Sprintf("edit %d", i)}, {Language: "de", Text: fmt.Sprintf("Änderung %d", i)}}}
		if _, err := m.PutEntry(c, &api.GlossaryEntryPutRequest{ID: "big", Author: "t", Create: true, Entry: e}); err != nil {
			t.Fatal(err)
		}
	}
	before, beforeDisk := streamBytes(), diskBytes()
	const edits = keep - 1 // no pruning yet: versions 2..keep
	for i := range edits {
		edit(i)
	}
	per, perDisk := (streamBytes()-before)/edits, (diskBytes()-beforeDisk)/edits
	t.Logf("a single-entry edit of a %d-entry glossary (CSV export %d bytes) adds %d bytes to %s (%.0f%% of the CSV), %d bytes on disk (%.0f%%)",
		n, len(exp.Data), per, natsstore.BucketDocs, 100*float64(per)/float64(len(exp.Data)), perDisk, 100*float64(perDisk)/float64(len(exp.Data)))
	if per == 0 || per > uint64(len(exp.Data))*4 {
		t.Fatalf("an edit adds %d bytes, the CSV is %d", per, len(exp.Data))
	}
	for i := edits; i < edits+5; i++ {
		edit(i)
	}
	if got := streamBytes(); got > per*(keep+1) {
		t.Fatalf("after 5 more edits with %d versions kept the stream holds %d bytes, about %d documents", keep, got, got/per)
	}
	vs, err := m.Versions(c, &api.GlossaryVersionsRequest{ID: "big"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs.Versions) != keep {
		t.Fatalf("%d versions listed, want %d", len(vs.Versions), keep)
	}
}
