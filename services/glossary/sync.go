package glossary

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/parley-chat/parley/shared/api"
)

// SyncAuthor is the author of versions written by the start-up sync of
// glossaries/.
const SyncAuthor = "sync"

// SyncResult is what the sync did with one file.
type SyncResult struct {
	File *File
	// Change is the version written (nil when nothing changed).
	Change *api.GlossaryVersion
	// Unchanged is set when the file is the one synced last time: edits
	// made through the API since then are kept.
	Unchanged bool
	Err       error
}

// SyncDir brings the glossary files of dir into the store. A file whose
// content is the one synced last time is skipped (no new version), so
// restarts are idempotent and API edits to a glossary also kept in git
// survive until the file changes; then the file wins, and the API edits
// stay in the history. Files with problems are reported, not synced;
// glossaries without a file are left alone.
func (m *Manager) SyncDir(ctx context.Context, dir string) ([]SyncResult, error) {
	files, err := ReadDir(dir, m.limits)
	if err != nil {
		return nil, err
	}
	results := make([]SyncResult, 0, len(files))
	for _, f := range files {
		r := SyncResult{File: f}
		if err := f.Err(); err != nil {
			r.Err = err
		} else {
			r.Change, r.Unchanged, r.Err = m.syncFile(ctx, f)
		}
		results = append(results, r)
	}
	return results, nil
}

func (m *Manager) syncFile(ctx context.Context, f *File) (*api.GlossaryVersion, bool, error) {
	_, hash, err := encode(f.Glossary.Doc())
	if err != nil {
		return nil, false, err
	}
	mark, err := m.store.SyncMark(ctx, f.ID)
	if err != nil {
		return nil, false, err
	}
	if mark == hash {
		return nil, true, nil
	}
	v, _, err := m.commit(ctx, f.ID, change{author: SyncAuthor, action: "sync", message: "synced from " + filepath.Base(f.Path)},
		func(*Glossary) (*Glossary, error) {
			cp := *f.Glossary
			return &cp, nil
		})
	if err != nil {
		return nil, false, fmt.Errorf("sync %s: %w", f.Path, err)
	}
	if err := m.store.SetSyncMark(ctx, f.ID, hash); err != nil {
		return v, false, err
	}
	return v, false, nil
}
