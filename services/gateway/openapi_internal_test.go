package gateway

import (
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway/console"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestOpenAPICoversEveryRoute fails for any route registered on the echo
// instance that the OpenAPI document does not describe (the CORS
// preflights included: docs/api.md promises every route), and for any
// documented operation that no longer exists. Every path documents
// OPTIONS: a route's, or the answer echo gives paths without one
// (TestOpenAPIOperationsAnswerAsDocumented calls them all).
func TestOpenAPICoversEveryRoute(t *testing.T) {
	reg := prometheus.NewRegistry()
	s := New(Config{}, natstest.Conn(t, natstest.RunServer(t)), reg, reg, slog.New(slog.DiscardHandler))
	paths := OpenAPI()["paths"].(obj)
	registered := map[string]bool{}
	for _, r := range s.echo.Routes() {
		// The web console (/console, HTML for people) is exempt: it is not
		// part of the JSON API the document describes.
		if r.Path == console.Prefix || strings.HasPrefix(r.Path, console.Prefix+"/") {
			continue
		}
		p := echoParam.ReplaceAllString(r.Path, "{$1}")
		key := r.Method + " " + p
		if registered[key] {
			t.Errorf("route %s is registered twice", key)
		}
		registered[key] = true
		item, _ := paths[p].(obj)
		if _, ok := item[strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s is not in the OpenAPI document (add it to openAPIOps in openapi.go)", key)
		}
	}
	// A route twice in the table would leave one of its lines unseen.
	seen := map[string]bool{}
	for _, op := range openAPIOps {
		key := op.method + " " + op.path
		if seen[key] {
			t.Errorf("%s is twice in openAPIOps", key)
		}
		seen[key] = true
	}
	if len(registered) != len(openAPIOps) {
		t.Fatalf("echo reports %d routes, the document %d", len(registered), len(openAPIOps))
	}
	for p, item := range paths {
		for m := range item.(obj) {
			key := strings.ToUpper(m) + " " + p
			if m == "head" {
				// headAsGet answers HEAD on every GET route, and on
				// nothing else; the router has no HEAD routes of its own.
				if !registered["GET "+p] {
					t.Errorf("documented operation %s has no GET route to answer it", key)
				}
				continue
			}
			if m == "options" && !registered[key] {
				// echo answers OPTIONS on a path with routes and no
				// OPTIONS route of its own; the path has its routes
				// (it is in the document).
				continue
			}
			if !registered[key] {
				t.Errorf("documented operation %s is not a registered route", key)
			}
		}
		if _, ok := item.(obj)["options"]; !ok {
			t.Errorf("%s is documented without its OPTIONS", p)
		}
		if _, ok := item.(obj)["get"]; ok {
			if _, ok := item.(obj)["head"]; !ok {
				t.Errorf("GET %s is documented without its HEAD", p)
			}
		}
	}
}

// TestOpenAPIDocumentsReasonCodes: the views the document describes list
// reason_code with the whole fixed vocabulary, so that a client generated
// from it knows every code it must put in the reader's language.
func TestOpenAPIDocumentsReasonCodes(t *testing.T) {
	raw, err := json.Marshal(OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Type string   `json:"type"`
					Enum []string `json:"enum"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, schema := range []string{"View", "MessageView"} {
		props := doc.Components.Schemas[schema].Properties
		rc, ok := props["reason_code"]
		if !ok || rc.Type != "string" || !slices.Equal(rc.Enum, api.ReasonCodes) {
			t.Errorf("%s.reason_code = %+v (listed %v), want a string of %v", schema, rc, ok, api.ReasonCodes)
		}
		if props["reason"].Type != "string" {
			t.Errorf("%s.reason is no longer a string: %+v", schema, props["reason"])
		}
	}
}
