package glossary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parley-chat/parley/shared/api"
)

// FileSettings are the settings of a glossary kept in git, read from an
// optional sidecar file <id>.json next to the glossary file.
type FileSettings struct {
	Name        string            `json:"name,omitempty"`
	Description string            `json:"description,omitempty"`
	Mode        string            `json:"mode,omitempty"`
	Scope       api.GlossaryScope `json:"scope,omitzero"`
	Priority    int               `json:"priority,omitempty"`
	// Source and Target name the languages of a two-column file without a
	// header row.
	Source string `json:"source,omitempty"`
	Target string `json:"target,omitempty"`
}

// File is a glossary file read from a directory.
type File struct {
	ID     string
	Path   string
	Format string
	// SettingsPath is the sidecar, "" when there is none.
	SettingsPath string
	Settings     FileSettings
	// Glossary is the glossary read (nil when Report has errors).
	Glossary *Glossary
	Report   *Report
}

// Err is nil when the file is usable, else an *InvalidError.
func (f *File) Err() error { return f.Report.Err() }

// ReadFile reads one glossary file and its sidecar settings. Its id is the
// file name without the extension.
func ReadFile(path string, limits ParseOptions) *File {
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	f := &File{ID: strings.TrimSuffix(base, ext), Path: path, Format: FormatOf(base), Report: &Report{Path: path}}
	if !ValidID(f.ID) {
		f.Report.errorf(ProblemBadValue, 0, "", "", "", "glossary id %q (the file name) must be letters, digits, '_' or '-' with single dots between them", f.ID)
		return f
	}
	sidecar := strings.TrimSuffix(path, ext) + ".json"
	if data, err := os.ReadFile(sidecar); err == nil {
		f.SettingsPath = sidecar
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f.Settings); err != nil {
			f.Report.errorf(ProblemBadValue, 0, "", "", "", "%s: %v", sidecar, err)
			return f
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		f.Report.errorf(ProblemSyntax, 0, "", "", "", "read %s: %v", sidecar, err)
		return f
	}
	file, err := os.Open(path)
	if err != nil {
		f.Report.errorf(ProblemSyntax, 0, "", "", "", "open: %v", err)
		return f
	}
	defer file.Close()
	opts := limits
	opts.ID, opts.Path = f.ID, path
	opts.Mode = Mode(f.Settings.Mode)
	opts.Source, opts.Target = f.Settings.Source, f.Settings.Target
	g, rep := parse(f.Format, file, opts)
	f.Report = rep
	if !rep.OK() {
		return f
	}
	if err := applySettings(g, f.Settings); err != nil {
		rep.errorf(ProblemBadValue, 0, "", "", "", "%s: %v", f.SettingsPath, err)
		return f
	}
	g.validate(rep)
	if rep.OK() {
		f.Glossary = g
	}
	return f
}

// applySettings sets a glossary's settings from a sidecar.
func applySettings(g *Glossary, s FileSettings) error {
	scope, err := scopeFromAPI(s.Scope)
	if err != nil {
		return err
	}
	g.Name, g.Description, g.Scope, g.Priority = strings.TrimSpace(s.Name), strings.TrimSpace(s.Description), scope, s.Priority
	if s.Mode != "" {
		g.Mode = Mode(s.Mode)
	}
	return nil
}

// ReadDir reads every glossary file (*.tbx, *.csv, *.tsv) of dir, not
// recursively, each with its report. Two files with the same id are both
// refused. err is set only when dir itself cannot be read.
func ReadDir(dir string, limits ParseOptions) ([]*File, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read glossary directory: %w", err)
	}
	var files []*File
	byID := map[string]*File{}
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || FormatOf(name) == "" || strings.HasSuffix(strings.ToLower(name), ".txt") || strings.HasSuffix(strings.ToLower(name), ".tab") {
			continue
		}
		f := ReadFile(filepath.Join(dir, name), limits)
		if other, dup := byID[f.ID]; dup {
			for _, x := range []*File{f, other} {
				x.Glossary = nil
				x.Report.errorf(ProblemConflict, 0, "", "", "", "glossary id %q is used by %s and %s; keep one file per glossary",
					f.ID, filepath.Base(other.Path), filepath.Base(f.Path))
			}
		}
		byID[f.ID] = f
		files = append(files, f)
	}
	slices.SortFunc(files, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// LoadDir reads dir and returns a set of its valid glossaries and the
// problems of the others (each an *InvalidError).
func LoadDir(dir string) (set *Set, problems []error, err error) {
	files, err := ReadDir(dir, ParseOptions{})
	if err != nil {
		return nil, nil, err
	}
	var gs []*Glossary
	for _, f := range files {
		if err := f.Err(); err != nil {
			problems = append(problems, err)
			continue
		}
		gs = append(gs, f.Glossary)
	}
	return NewSet(gs...), problems, nil
}
