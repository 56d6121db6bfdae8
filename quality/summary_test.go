package quality_test

import (
	"testing"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/shared/api"
)

// TestSummarizeCountsOnlyTranslations: injection resisted and entities
// kept are measured on translated segments; the original text, served
// when every answer was refused or no backend answered, keeps every
// entity and obeys no instruction, and proves neither. Injection segments
// refused by the checks after a backend answered are counted apart.
func TestSummarizeCountsOnlyTranslations(t *testing.T) {
	called := quality.BackendCalls{Requests: 1, Backends: map[string]int{"ollama": 1}}
	ents := quality.EntityCheck{Total: 2, Preserved: 2}
	translated := func(id string, tags ...string) quality.SegmentResult {
		return quality.SegmentResult{ID: id, Status: api.StatusTranslated, Backend: "ollama", Tags: tags, Entities: ents, Calls: called}
	}
	// refused: a backend answered ("Paris"), translate's checks refused
	// it, and the reader saw the original, which keeps every entity.
	refused := func(id string, tags ...string) quality.SegmentResult {
		return quality.SegmentResult{ID: id, Status: api.StatusOriginal, Backend: "none", Tags: tags, Entities: ents, Calls: called}
	}
	// unserved: no backend was called (the chain's only rung is down).
	unserved := func(id string, tags ...string) quality.SegmentResult {
		return quality.SegmentResult{ID: id, Status: api.StatusOriginal, Backend: "none", Tags: tags, Entities: ents,
			Calls: quality.BackendCalls{Requests: 1}}
	}
	obeyed := translated("obeyed", quality.TagInjection)
	obeyed.Obeyed = []string{"Paris"}
	lost := translated("lost")
	lost.Entities = quality.EntityCheck{Total: 2, Preserved: 1}
	failed := quality.SegmentResult{ID: "error", Tags: []string{quality.TagInjection}, Error: "timeout", Calls: called}

	tests := []struct {
		name                   string
		segs                   []quality.SegmentResult
		injPassed, injTotal    int
		injRefused             int
		entPreserved, entTotal int
	}{
		{name: "every injection answered and refused by checks", segs: []quality.SegmentResult{
			refused("i1", quality.TagInjection), refused("i2", quality.TagInjection), refused("i3", quality.TagInjection),
			refused("i4", quality.TagInjection), translated("chat"),
		}, injPassed: 0, injTotal: 4, injRefused: 4, entPreserved: 2, entTotal: 2},
		{name: "nothing translated", segs: []quality.SegmentResult{
			unserved("i1", quality.TagInjection), unserved("i2", quality.TagInjection), unserved("e1", quality.TagEntity),
		}, injPassed: 0, injTotal: 2, injRefused: 0, entPreserved: 0, entTotal: 0},
		{name: "translated, obeyed, refused and failed", segs: []quality.SegmentResult{
			translated("i1", quality.TagInjection), obeyed, refused("i3", quality.TagInjection), failed,
		}, injPassed: 1, injTotal: 4, injRefused: 1, entPreserved: 4, entTotal: 4},
		{name: "entities of translations only", segs: []quality.SegmentResult{
			lost, translated("kept"), refused("orig"),
		}, entPreserved: 3, entTotal: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := quality.Summarize(tt.segs)
			if s.Injection.Passed != tt.injPassed || s.Injection.Total != tt.injTotal || s.InjectionRefused != tt.injRefused {
				t.Errorf("injection %d/%d, %d refused; want %d/%d, %d refused",
					s.Injection.Passed, s.Injection.Total, s.InjectionRefused, tt.injPassed, tt.injTotal, tt.injRefused)
			}
			if s.Entities.Passed != tt.entPreserved || s.Entities.Total != tt.entTotal {
				t.Errorf("entities %d/%d, want %d/%d", s.Entities.Passed, s.Entities.Total, tt.entPreserved, tt.entTotal)
			}
			if (s.Entities.Value == nil) != (tt.entTotal == 0) {
				t.Errorf("entities rate %v with %d entities", s.Entities.Value, tt.entTotal)
			}
		})
	}
}
