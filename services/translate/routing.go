package translate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
)

// RoutingKey is the key of the routing document in the <prefix>_config
// bucket.
const RoutingKey = "routing"

// Routing chooses the backends and models for each language pair: a
// stronger model for Japanese, the hosted LLM first for a pair the local
// model translates badly, Apertium only for a pair no LLM should take. It
// is read from the KV key <prefix>_config/routing and replaced, on every
// replica, whenever that key changes (an invalid value is logged and
// ignored: the previous routing stays).
type Routing struct {
	Routes []Route `json:"routes"`
}

// Route applies to requests from Source to Target.
type Route struct {
	// Source and Target are BCP 47 tags or "*". A tag without a region or
	// script ("pt") matches every variant ("pt-BR"); one with ("pt-BR")
	// matches only that.
	Source string `json:"source"`
	Target string `json:"target"`
	// Chain names the rungs to try, in order (a subset of
	// TRANSLATE_CHAIN); empty keeps the configured order.
	Chain []string `json:"chain,omitempty"`
	// Models overrides a rung's model ("ollama": "qwen2.5:7b").
	Models map[string]string `json:"models,omitempty"`
}

// ParseRouting reads and checks a routing document against the chain's
// rung names. An empty document is no routing.
func ParseRouting(data []byte, rungs []string) (*Routing, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return &Routing{}, nil
	}
	var rt Routing
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rt); err != nil {
		return nil, fmt.Errorf("routing: %w", err)
	}
	for i := range rt.Routes {
		r := &rt.Routes[i]
		for _, f := range []struct {
			name string
			tag  *string
		}{{"source", &r.Source}, {"target", &r.Target}} {
			if *f.tag == "*" || *f.tag == "" {
				*f.tag = "*"
				continue
			}
			tag, err := api.ParseLanguage(f.name, *f.tag)
			if err != nil {
				return nil, fmt.Errorf("routing: route %d: %s %q is not a language", i+1, f.name, *f.tag)
			}
			*f.tag = tag.String()
		}
		seen := map[string]bool{}
		for j, name := range r.Chain {
			name = strings.ToLower(strings.TrimSpace(name))
			if !slices.Contains(rungs, name) {
				return nil, fmt.Errorf("routing: route %d: %q is not in the chain (%s)", i+1, name, strings.Join(rungs, ", "))
			}
			if seen[name] {
				return nil, fmt.Errorf("routing: route %d names %s twice", i+1, name)
			}
			seen[name] = true
			r.Chain[j] = name
		}
		for name, model := range r.Models {
			if !slices.Contains(rungs, name) || strings.TrimSpace(model) == "" {
				return nil, fmt.Errorf("routing: route %d: model for %q: not a rung of the chain, or empty", i+1, name)
			}
		}
	}
	return &rt, nil
}

// route is the first route for the pair, or nil.
func (rt *Routing) route(source, target string) *Route {
	if rt == nil {
		return nil
	}
	for i := range rt.Routes {
		r := &rt.Routes[i]
		if tagMatches(r.Source, source) && tagMatches(r.Target, target) {
			return r
		}
	}
	return nil
}

// tagMatches reports whether a route's tag covers a request's tag.
func tagMatches(pattern, tag string) bool {
	if pattern == "*" || pattern == tag {
		return true
	}
	return !strings.Contains(pattern, "-") && api.Base(tag) == pattern
}

// routedRung is a rung with the model (and prompt template) it uses for
// one request; empty means the rung's own.
type routedRung struct {
	*chainRung
	model  string
	prompt string
	// off says why a kill switch turned the rung off for this request
	// ("turned off by the no_llm kill switch"; "": on). Such a rung is
	// never called, only listed in the answer's attempts.
	off string
}

// routed lists the rungs for v in order, with their models: the
// routing's choice, then the registry's models and the kill switches,
// then the template the request named.
func (c *Chain) routed(v validated) []routedRung {
	return requestedPrompt(v, c.controlled(v, c.routedByDocument(v)))
}

// requestedPrompt has the LLM rungs that can render the template v names
// use it. A rung that cannot (an older replica's) keeps its own, which
// the answer's prompt_id and prompt_version then report.
func requestedPrompt(v validated, rungs []routedRung) []routedRung {
	if v.prompt == "" {
		return rungs
	}
	for i := range rungs {
		r := &rungs[i]
		if r.Backend == nil || !isLLM(r.chainRung) || !hasPrompt(r.Backend, v.prompt) {
			continue
		}
		r.prompt = v.prompt
		if p, ok := r.Backend.(backend.Prompted); ok && p.PromptRef() == v.prompt {
			r.prompt = "" // the default: same cache key as without it
		}
	}
	return rungs
}

// routedByDocument lists the rungs the routing document chooses for v.
func (c *Chain) routedByDocument(v validated) []routedRung {
	rt := c.routing.Load().route(v.source, v.target)
	if rt == nil || len(rt.Chain) == 0 {
		out := make([]routedRung, len(c.rungs))
		for i, r := range c.rungs {
			out[i] = routedRung{chainRung: r}
			if rt != nil {
				out[i].model = rt.Models[r.Name]
			}
		}
		return out
	}
	out := make([]routedRung, 0, len(rt.Chain))
	for _, name := range rt.Chain {
		for _, r := range c.rungs {
			if r.Name == name {
				out = append(out, routedRung{chainRung: r, model: rt.Models[name]})
			}
		}
	}
	return out
}

// SetRouting replaces the routing after checking it against the chain's
// rungs; on error the previous routing stays.
func (c *Chain) SetRouting(data []byte) error {
	rt, err := ParseRouting(data, c.rungNames())
	if err != nil {
		return err
	}
	c.routing.Store(rt)
	return nil
}

// Routing returns the routing in force.
func (c *Chain) Routing() Routing {
	if rt := c.routing.Load(); rt != nil {
		return *rt
	}
	return Routing{}
}

// knownRungs are the names a request may exclude: the chain's rungs, every
// rung the service can build (DefaultChain) and the moderator's overrides.
func (c *Chain) knownRungs() []string {
	names := c.rungNames()
	for _, n := range append(slices.Clone(DefaultChain), OverrideBackend) {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

func (c *Chain) knownRung(name string) bool { return slices.Contains(c.knownRungs(), name) }

func (c *Chain) rungNames() []string {
	names := make([]string, len(c.rungs))
	for i, r := range c.rungs {
		names[i] = r.Name
	}
	return names
}
