package quality_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality"
)

func TestParseConfig(t *testing.T) {
	cases := []struct {
		in   string
		want quality.Config
		err  bool
	}{
		{"default", quality.Config{Name: "default"}, false},
		{"apertium:backends=apertium", quality.Config{Name: "apertium", Backends: []string{"apertium"}}, false},
		{"llm:exclude=apertium+openai", quality.Config{Name: "llm", Exclude: []string{"apertium", "openai"}}, false},
		{"qwen7b:model=qwen2.5:7b,env.OLLAMA_HOST=http://gpu:11434", quality.Config{Name: "qwen7b", Model: "qwen2.5:7b", Env: map[string]string{"OLLAMA_HOST": "http://gpu:11434"}}, false},
		{"p5:prompt=chat-translate@5", quality.Config{Name: "p5", Prompt: "chat-translate@5"}, false},
		{"p9:prompt=chat-translate@9", quality.Config{}, true},
		{"pb:prompt=chat-translate-batch@2", quality.Config{}, true},
		{"", quality.Config{}, true},
		{"bad name!", quality.Config{}, true},
		{"x:colour=blue", quality.Config{}, true},
		{"x:backends", quality.Config{}, true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := quality.ParseConfig(c.in)
			if c.err {
				if err == nil {
					t.Fatalf("want an error, got %+v", got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %+v, %v; want %+v", got, err, c.want)
			}
			if again, err := quality.ParseConfig(got.String()); err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("String() %q does not parse back: %+v %v", got.String(), again, err)
			}
		})
	}
}

func TestConfigSuiteEnvAndRedaction(t *testing.T) {
	c := quality.Config{Name: "x", Model: "m", Env: map[string]string{"OPENAI_API_KEY": "sk-secret", "TRANSLATE_CHAIN": "ollama"}}
	env := c.SuiteEnv()
	if env["OLLAMA_MODEL"] != "m" || env["OPENAI_MODEL"] != "m" || env["TRANSLATE_CHAIN"] != "ollama" || !c.NeedsSuite() {
		t.Errorf("suite env %v", env)
	}
	r := c.Redacted()
	if r.Env["OPENAI_API_KEY"] != "***" || r.Env["TRANSLATE_CHAIN"] != "ollama" || c.Env["OPENAI_API_KEY"] != "sk-secret" {
		t.Errorf("redacted %v (original %v)", r.Env, c.Env)
	}
	if strings.Contains(r.String(), "sk-secret") {
		t.Error("secret in String()")
	}
}

func TestLoadConfigs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cs, err := quality.LoadConfigs(write("ok.json", `[{"name":"a","backends":["apertium"]},{"name":"b","env":{"TRANSLATE_CHAIN":"ollama"}}]`))
	if err != nil || len(cs) != 2 || cs[1].Env["TRANSLATE_CHAIN"] != "ollama" {
		t.Fatalf("%+v %v", cs, err)
	}
	for name, body := range map[string]string{
		"dup.json":   `[{"name":"a"},{"name":"a"}]`,
		"empty.json": `[]`,
		"bad.json":   `{"name":"a"}`,
	} {
		if _, err := quality.LoadConfigs(write(name, body)); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}
