package fakellm

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Parley batches several short messages into one prompt: a JSON array of
// {"id", "text"} objects, one per line, between "<<<MESSAGES tag>>>" and
// "<<<END MESSAGES tag>>>", with a format whose schema has an "items" array
// of {"id", "translation"}. The fake answers a batch by running its
// Translator on each message as if it had been sent alone, and can get
// the answer's shape wrong on purpose (BatchFault) the way models do:
// dropping a message, repeating an id, renumbering, adding an item.

// BatchFault is how a fake's batch answers go wrong.
type BatchFault int

// Batch faults.
const (
	// BatchExact answers every message once, with its id.
	BatchExact BatchFault = iota
	// BatchDropLast leaves the last message out.
	BatchDropLast
	// BatchDuplicateID gives the second item the first item's id.
	BatchDuplicateID
	// BatchRenumber numbers the items from 0 instead of using their ids.
	BatchRenumber
	// BatchExtraItem adds an item nobody asked for.
	BatchExtraItem
)

var batchFaultNames = map[BatchFault]string{
	BatchExact: "exact", BatchDropLast: "drop last", BatchDuplicateID: "duplicate id",
	BatchRenumber: "renumber", BatchExtraItem: "extra item",
}

// String names the fault.
func (f BatchFault) String() string {
	if s, ok := batchFaultNames[f]; ok {
		return s
	}
	return fmt.Sprintf("batch fault %d", int(f))
}

var batchBegin = regexp.MustCompile(`(?m)^<<<MESSAGES ([0-9a-zA-Z]+)>>>\n`)

type batchItem struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// batchItems returns the messages of a batch request, or false when the
// request is not a batch (no items array in its schema, or no block).
func batchItems(r Request) ([]batchItem, bool) {
	if r.Format == nil {
		return nil, false
	}
	if !schemaOf(r.Format).batch {
		return nil, false
	}
	loc := batchBegin.FindStringSubmatchIndex(r.User)
	if loc == nil {
		return nil, false
	}
	tag := r.User[loc[2]:loc[3]]
	rest := r.User[loc[1]:]
	end := strings.LastIndex(rest, "\n<<<END MESSAGES "+tag+">>>")
	if end < 0 {
		return nil, false
	}
	var items []batchItem
	if json.Unmarshal([]byte(rest[:end]), &items) != nil {
		return nil, false
	}
	return items, true
}

// answerBatch translates each item alone and renders the JSON answer.
func answerBatch(r Request, st state, items []batchItem) (string, error) {
	type out struct {
		ID          string `json:"id"`
		Translation string `json:"translation"`
	}
	outs := make([]out, 0, len(items)+1)
	for i, it := range items {
		one := r
		one.User = "<<<MESSAGE b" + it.ID + ">>>\n" + it.Text + "\n<<<END MESSAGE b" + it.ID + ">>>"
		one.Format = nil
		text, err := st.translator(one)
		if err != nil {
			return "", err
		}
		id := it.ID
		if st.batch == BatchRenumber {
			id = fmt.Sprint(i)
		}
		outs = append(outs, out{ID: id, Translation: text})
	}
	switch st.batch {
	case BatchDropLast:
		outs = outs[:len(outs)-1]
	case BatchDuplicateID:
		if len(outs) > 1 {
			outs[1].ID = outs[0].ID
		}
	case BatchExtraItem:
		outs = append(outs, out{ID: fmt.Sprint(len(items) + 1), Translation: "¿Algo más?"})
	}
	if st.raw {
		var b strings.Builder
		for _, o := range outs {
			b.WriteString(o.Translation + "\n")
		}
		return b.String(), nil
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{"items": outs})
	return strings.TrimSuffix(b.String(), "\n"), nil
}
