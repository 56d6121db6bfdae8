package messages_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
)

// BenchmarkScanFeedback reads a feedback stream of a few events through
// once, as every erasure batch and export does, against the least such a
// read costs: a direct get of each event (baseline). A scan that asked for
// more events than the stream held waited out its fetch's 2 s deadline.
func BenchmarkScanFeedback(b *testing.B) {
	s := natstest.RunServer(b)
	js, err := jetstream.New(natstest.Conn(b, s))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	st, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: experiment.FeedbackStream, Subjects: []string{"fb.>"}})
	if err != nil {
		b.Fatal(err)
	}
	const events = 8
	for i := range events {
		data, _ := json.Marshal(experiment.Event{Type: experiment.Feedback, Tenant: "t1", MessageID: fmt.Sprintf("m%d", i), Comment: "bad"})
		if _, err := js.Publish(ctx, fmt.Sprintf("fb.%d", i), data); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			for seq := uint64(1); seq <= events; seq++ {
				if _, err := st.GetMsg(ctx, seq); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			n := 0
			if err := messages.ScanFeedback(ctx, js, experiment.FeedbackStream, func(uint64, []byte) { n++ }); err != nil {
				b.Fatal(err)
			}
			if n != events {
				b.Fatalf("scanned %d events, want %d", n, events)
			}
		}
	})
}
