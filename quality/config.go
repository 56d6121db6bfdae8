package quality

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/prompt"
)

// Config is one system under evaluation: what the harness can vary today.
//
// Per request, the translate API lets a caller skip rungs of the backend
// chain (TranslateRequest.Exclude): Backends and Exclude use that, and work
// against any running deployment. Everything else that makes a system
// (which rungs exist and in what order, the LLM model, its host, timeouts)
// is the translate service's configuration, so Model and Env only take
// effect when the harness starts its own embedded suite for the config.
// Prompt picks one of the compiled prompt templates per request
// (TranslateRequest.Prompt), so it works against any deployment too; a
// new template is code (services/translate/backend/llm) and is evaluated
// by building the suite with it.
type Config struct {
	// Name labels the config in reports.
	Name string `json:"name"`
	// Backends restricts the chain to these rungs (e.g. ["apertium"]); the
	// others are excluded on every request.
	Backends []string `json:"backends,omitempty"`
	// Exclude names rungs to skip on every request.
	Exclude []string `json:"exclude,omitempty"`
	// Prompt is the template, "id@version" ("chat-translate@5"), every
	// request asks the LLM rungs to render: segments they translate
	// record it (prompt_id, prompt_version), which is what the registry
	// counts as the prompt version's.
	Prompt string `json:"prompt,omitempty"`
	// Model sets OLLAMA_MODEL and OPENAI_MODEL of an embedded suite.
	Model string `json:"model,omitempty"`
	// Env is the embedded suite's environment for this config, e.g.
	// TRANSLATE_CHAIN, OLLAMA_HOST, OLLAMA_MODEL. It overrides the
	// harness's defaults and the process environment.
	Env map[string]string `json:"env,omitempty"`
}

var configName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$`)

// Validate checks a config.
func (c Config) Validate() error {
	if !configName.MatchString(c.Name) {
		return api.FieldError(api.CodeInvalidArgument, "name", "config name %q must be 1-64 letters, digits or ._+- and start with a letter or digit", c.Name)
	}
	for _, b := range append(slices.Clone(c.Backends), c.Exclude...) {
		if strings.TrimSpace(b) == "" {
			return api.FieldError(api.CodeInvalidArgument, "backends", "config %s names an empty backend", c.Name)
		}
	}
	if c.Prompt != "" && !prompt.IsSingle(c.Prompt) {
		return api.FieldError(api.CodeInvalidArgument, "prompt", "config %s: prompt %q is not a compiled single-message template (have %s)", c.Name, c.Prompt, strings.Join(prompt.Single, ", "))
	}
	for k := range c.Env {
		if k == "" || strings.ContainsAny(k, "= \t") {
			return api.FieldError(api.CodeInvalidArgument, "env", "config %s has an invalid variable name %q", c.Name, k)
		}
	}
	return nil
}

// NeedsSuite reports whether the config changes the suite's settings and so
// can only run against an embedded suite.
func (c Config) NeedsSuite() bool { return c.Model != "" || len(c.Env) > 0 }

// SuiteEnv is the environment an embedded suite needs for this config.
func (c Config) SuiteEnv() map[string]string {
	env := maps.Clone(c.Env)
	if env == nil {
		env = map[string]string{}
	}
	if c.Model != "" {
		env["OLLAMA_MODEL"] = c.Model
		env["OPENAI_MODEL"] = c.Model
	}
	return env
}

// ParseConfig reads the command-line form of a config:
//
//	name[:key=value,key=value...]
//
// with keys backends and exclude (rung names joined by "+"), model,
// prompt, and env.NAME for any environment variable, e.g.
// "apertium:backends=apertium", "qwen7b:model=qwen2.5:7b" or
// "p5:prompt=chat-translate@5".
func ParseConfig(s string) (Config, error) {
	name, opts, _ := strings.Cut(s, ":")
	c := Config{Name: name}
	if opts != "" {
		for _, kv := range strings.Split(opts, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return c, api.Errorf(api.CodeInvalidArgument, "config %q: %q is not key=value", s, kv)
			}
			switch {
			case k == "backends":
				c.Backends = strings.Split(v, "+")
			case k == "exclude":
				c.Exclude = strings.Split(v, "+")
			case k == "model":
				c.Model = v
			case k == "prompt":
				c.Prompt = v
			case strings.HasPrefix(k, "env."):
				if c.Env == nil {
					c.Env = map[string]string{}
				}
				c.Env[strings.TrimPrefix(k, "env.")] = v
			default:
				return c, api.Errorf(api.CodeInvalidArgument, "config %q: unknown key %q (want backends, exclude, model, prompt or env.NAME)", s, k)
			}
		}
	}
	return c, c.Validate()
}

// LoadConfigs reads a JSON array of configs from a file.
func LoadConfigs(path string) ([]Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cs []Config
	if err := json.Unmarshal(data, &cs); err != nil {
		return nil, api.Errorf(api.CodeInvalidArgument, "%s: %v", path, err)
	}
	return cs, ValidateConfigs(cs)
}

// ValidateConfigs checks every config and that names are unique.
func ValidateConfigs(cs []Config) error {
	if len(cs) == 0 {
		return api.Errorf(api.CodeInvalidArgument, "no configs")
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			return err
		}
		if seen[c.Name] {
			return api.FieldError(api.CodeInvalidArgument, "name", "config name %q is used twice", c.Name)
		}
		seen[c.Name] = true
	}
	return nil
}

// exclusions turns Backends and Exclude into the list of rungs to skip,
// given the chain's rung names.
func (c Config) exclusions(chain []string) ([]string, error) {
	ex := map[string]bool{}
	for _, e := range c.Exclude {
		e = strings.ToLower(strings.TrimSpace(e))
		// As for backends: a rung the chain does not have is a typo
		// ("olama"), and excluding nothing would run the config as
		// another one under its name.
		if !slices.Contains(chain, e) {
			return nil, api.FieldError(api.CodeInvalidArgument, "exclude", "config %s: the chain has no backend %q to exclude (it has %s)", c.Name, e, strings.Join(chain, ", "))
		}
		ex[e] = true
	}
	if len(c.Backends) > 0 {
		keep := map[string]bool{}
		for _, b := range c.Backends {
			b = strings.ToLower(strings.TrimSpace(b))
			if !slices.Contains(chain, b) {
				return nil, api.FieldError(api.CodeInvalidArgument, "backends", "config %s: the chain has no backend %q (it has %s)", c.Name, b, strings.Join(chain, ", "))
			}
			keep[b] = true
		}
		for _, r := range chain {
			if !keep[r] {
				ex[r] = true
			}
		}
	}
	out := slices.Sorted(maps.Keys(ex))
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// String is the command-line form of the config (ParseConfig reads it
// back); call Redacted first when it may hold secrets.
func (c Config) String() string {
	var parts []string
	if len(c.Backends) > 0 {
		parts = append(parts, "backends="+strings.Join(c.Backends, "+"))
	}
	if len(c.Exclude) > 0 {
		parts = append(parts, "exclude="+strings.Join(c.Exclude, "+"))
	}
	if c.Model != "" {
		parts = append(parts, "model="+c.Model)
	}
	if c.Prompt != "" {
		parts = append(parts, "prompt="+c.Prompt)
	}
	for _, k := range slices.Sorted(maps.Keys(c.Env)) {
		parts = append(parts, fmt.Sprintf("env.%s=%s", k, c.Env[k]))
	}
	if len(parts) == 0 {
		return c.Name
	}
	return c.Name + ":" + strings.Join(parts, ",")
}

var secretName = regexp.MustCompile(`(?i)(key|token|secret|password|passwd|credential)`)

// Redacted returns the config with the values of secret-looking variables
// (API keys, tokens, passwords) replaced, for reports and logs.
func (c Config) Redacted() Config {
	if len(c.Env) == 0 {
		return c
	}
	c.Env = maps.Clone(c.Env)
	for k := range c.Env {
		if secretName.MatchString(k) {
			c.Env[k] = "***"
		}
	}
	return c
}
