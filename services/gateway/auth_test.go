package gateway_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

func TestParseKeys(t *testing.T) {
	tests := []struct {
		spec    string
		wantErr bool
	}{
		{"", false},
		{"lena:localization:0123456789abcdef", false},
		{"ops:admin+moderator:0123456789abcdef, app:client:fedcba9876543210", false},
		{"lena:localization:short", true},
		{"lena:wizard:0123456789abcdef", true},
		{"no-colons", true},
		{"evil\nlevel=ERROR:client:0123456789abcdef", true},
		{"evil\x1b[31m@acme:client:0123456789abcdef", true},
		{"bad\u202ename:client:0123456789abcdef", true},
		{"ad\u200bmin@acme:client:0123456789abcdef", true},
		{"Lena Müller:client:0123456789abcdef", false},
		{strings.Repeat("n", gateway.MaxKeyNameBytes+1) + ":client:0123456789abcdef", true},
		{strings.Repeat("n", gateway.MaxKeyNameBytes) + ":client:0123456789abcdef", false},
	}
	for _, tt := range tests {
		_, err := gateway.ParseKeys(tt.spec)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseKeys(%q) err = %v", tt.spec, err)
		}
		if err != nil && strings.Contains(err.Error(), "0123456789abcdef") {
			t.Errorf("error leaks the key: %v", err)
		}
	}
	k, _ := gateway.ParseKeys("ops:admin:0123456789abcdef,lena:localization:fedcba9876543210")
	if p := k.Lookup("fedcba9876543210"); p == nil || p.Name != "lena" || !p.Has(gateway.RoleLocalization) || p.Has(gateway.RoleModerator) {
		t.Fatalf("lookup lena = %+v", p)
	}
	if p := k.Lookup("0123456789abcdef"); p == nil || !p.Has(gateway.RoleModerator) {
		t.Fatalf("admin must hold every role: %+v", p)
	}
	if k.Lookup("nope") != nil || k.Lookup("") != nil {
		t.Fatal("unknown key accepted")
	}
}

// TestParseKeysErrorsHideTheKey checks that the error of a malformed entry
// names it by its position and shows none of its text: a key may hold
// colons and commas, so what looks like an entry's name, role or tenant
// may be part of a secret. A role is shown only when it is a known one.
func TestParseKeysErrorsHideTheKey(t *testing.T) {
	for _, tc := range []struct {
		spec, shows string
	}{
		{":admin:SUPERSECRET:PART2-0123456789", "entry 1 of PARLEY_API_KEYS"},
		{"@acme:admin:SUPERSECRET:PART2-0123456789", "entry 1 of PARLEY_API_KEYS"},
		{"lena:SUPERSECRET-0123456789", "entry 1 of PARLEY_API_KEYS"},
		{"SUPERSECRET-0123456789", "entry 1 of PARLEY_API_KEYS"},
		// A comma inside a key splits the entry: the tail is no name.
		{"ops:admin:Sup3r-Secret-Pass,SUPERSECRET-PART2:more", "entry 2 of PARLEY_API_KEYS"},
		{"ops:admin:Sup3r-Secret-Pass,w0rd-PART2:more", "entry 2 of PARLEY_API_KEYS: want name[@tenant]:role[+role]:key"},
		{"ops:admin:Sup3r-Secret-Pass,SUPERSECRET:PART2:more", "entry 2 of PARLEY_API_KEYS: keys must be at least 16"},
		// A key in the role field.
		{"ops:SUPERSECRET-abcdefghijklmnop:another-long-secret-xyz", "unknown role (28 characters"},
		{"ops:client+SUPERSECRET:another-long-secret-xyz", "unknown role (11 characters"},
		{"SUPERSECRET@:client:0123456789abcdef", "entry 1 of PARLEY_API_KEYS: the tenant after '@' is empty"},
		{"ops@SUPER SECRET:client:0123456789abcdef", "entry 1 of PARLEY_API_KEYS: the tenant must be"},
		{"SUPERSECRET\x01:client:0123456789abcdef", "entry 1 of PARLEY_API_KEYS: the name must be"},
		{"ops:client:0123456789abcdef,,SUPERSECRET", "entry 3 of PARLEY_API_KEYS"},
	} {
		_, err := gateway.ParseKeys(tc.spec)
		if err == nil {
			t.Fatalf("ParseKeys(%q) accepted", tc.spec)
		}
		for _, secret := range []string{"SUPER", "PART2", "Sup3r", "w0rd", "another", "more"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("ParseKeys(%q): error leaks the key: %v", tc.spec, err)
			}
		}
		if !strings.Contains(err.Error(), tc.shows) {
			t.Errorf("ParseKeys(%q) = %v, want it to show %s", tc.spec, err, tc.shows)
		}
	}
	// Known roles are shown as they help.
	if _, err := gateway.ParseKeys("ops:client+wizard:0123456789abcdef"); err == nil || !strings.Contains(err.Error(), "[client localization moderator admin]") {
		t.Errorf("unknown role error: %v", err)
	}
}

// TestParseKeysRefusesBlanksInKeys: entries written one a line are one
// entry whose key holds the line break and the rest, which no presented
// key matches (a suite started where no key worked). A key holding white
// space or a control character is refused, naming the entry, never the key.
func TestParseKeysRefusesBlanksInKeys(t *testing.T) {
	for _, tc := range []struct {
		name, spec, shows string
	}{
		{"entries on lines", "ops:admin:0123456789abcdef\nlena:client:fedcba9876543210", "entry 1 of PARLEY_API_KEYS: the key holds a space, line break or other control character (separate entries with commas"},
		{"CRLF lines", "ops:admin:0123456789abcdef\r\nlena:client:fedcba9876543210", "entry 1 of PARLEY_API_KEYS: the key holds"},
		{"second entry", "ops:admin:0123456789abcdef,lena:client:fedcba98\n76543210", "entry 2 of PARLEY_API_KEYS: the key holds"},
		{"inner space", "ops:admin:01234567 89abcdef", "entry 1 of PARLEY_API_KEYS: the key holds"},
		{"tab", "ops:admin:01234567\t89abcdef", "entry 1 of PARLEY_API_KEYS: the key holds"},
		{"control", "ops:admin:01234567\x0089abcdef", "entry 1 of PARLEY_API_KEYS: the key holds"},
		{"no-break space", "ops:admin:01234567\u00a089abcdef", "entry 1 of PARLEY_API_KEYS: the key holds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := gateway.ParseKeys(tc.spec)
			if err == nil || !strings.Contains(err.Error(), tc.shows) {
				t.Fatalf("ParseKeys(%q) = %v, want an error with %q", tc.spec, err, tc.shows)
			}
			for _, secret := range []string{"0123456789", "01234567", "fedcba", "lena"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks the key: %v", err)
				}
			}
		})
	}
	// Blanks around an entry or a key are trimmed, as before; a line
	// break after the last entry (a file read with $(cat ...)) is fine.
	for _, spec := range []string{"ops:admin: 0123456789abcdef ", " ops:admin:0123456789abcdef,\n lena:client:fedcba9876543210\n"} {
		if _, err := gateway.ParseKeys(spec); err != nil {
			t.Errorf("ParseKeys(%q): %v", spec, err)
		}
	}
}

// TestParseKeysRefusesDuplicates: a secret in two entries would
// authenticate as the last one, silently; two entries of one name would be
// one actor in the audit trails. Neither error shows the secret.
func TestParseKeysRefusesDuplicates(t *testing.T) {
	const secret = "SECRET-0123456789abcdef"
	for _, tc := range []struct {
		spec, shows string
	}{
		{"ops:admin:" + secret + ",ops2@acme:client:" + secret, "entry 2 of PARLEY_API_KEYS has the key of entry 1 of PARLEY_API_KEYS"},
		{"ops:admin:" + secret + ", ,ops2:client: " + secret + " ", "entry 3 of PARLEY_API_KEYS has the key of entry 1"},
		{"ops:admin:" + secret + ",app:client:other-0123456789abcdef,Ops@acme:client:third-0123456789abcdef", "entry 3 of PARLEY_API_KEYS has the name of entry 1"},
	} {
		_, err := gateway.ParseKeys(tc.spec)
		if err == nil || !strings.Contains(err.Error(), tc.shows) {
			t.Errorf("ParseKeys(%q) = %v, want an error with %q", tc.spec, err, tc.shows)
			continue
		}
		if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "0123456789") {
			t.Errorf("ParseKeys(%q): error leaks the key: %v", tc.spec, err)
		}
	}
}

// TestParseKeysNamesAndStrength: a name that is, or looks like, the
// reserved "system" or another entry's (a Cyrillic ѕ or е for the Latin
// letter, fullwidth forms) would pass for that actor in audit trails; a
// key shorter than 16 characters or a placeholder is guessable. None of
// the errors shows the key.
func TestParseKeysNamesAndStrength(t *testing.T) {
	for _, tc := range []struct {
		name, spec, shows string
	}{
		{"reserved", "system:admin:0123456789abcdef", "entry 1 of PARLEY_API_KEYS: the name is reserved"},
		{"reserved, upper case", "SYSTEM:admin:0123456789abcdef", "the name is reserved"},
		{"reserved, Cyrillic dze", "ѕystem:admin:0123456789abcdef", "the name is reserved"},
		{"reserved, Cyrillic u", "sуstem:admin:0123456789abcdef", "the name is reserved"},
		{"reserved, fullwidth", "ｓｙｓｔｅｍ:admin:0123456789abcdef", "the name is reserved"},
		{"another entry's name, Cyrillic ie", "lena:client:0123456789abcdef,lеna:client:fedcba9876543210", "entry 2 of PARLEY_API_KEYS has the name of entry 1"},
		{"15 characters", "ops:admin:0123456789abcde", "entry 1 of PARLEY_API_KEYS: keys must be at least 16 characters"},
		{"a placeholder", "ops:admin:changemechangeme", "entry 1 of PARLEY_API_KEYS: the key has fewer than 8 different characters"},
		{"one character repeated", "ops:admin:xxxxxxxxxxxxxxxxxxxxxxxx", "fewer than 8 different characters"},
		// Earlier versions took such keys: the error says what to do.
		{"a placeholder, upgrading", "ops:admin:changemechangeme", "rotate it (make one with openssl rand -hex 24): see docs/deploy.md upgrade notes"},
		{"15 characters, upgrading", "ops:admin:0123456789abcde", "rotate it (make one with openssl rand -hex 24): see docs/deploy.md upgrade notes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := gateway.ParseKeys(tc.spec)
			if err == nil || !strings.Contains(err.Error(), tc.shows) {
				t.Fatalf("ParseKeys(%q) = %v, want an error with %q", tc.spec, err, tc.shows)
			}
			for _, secret := range []string{"0123456789", "fedcba", "changeme", "xxxx"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks the key: %v", err)
				}
			}
		})
	}
	// 16 characters of 8 or more kinds is the least a key may be; names
	// that merely share letters with a reserved or taken one are fine.
	for _, spec := range []string{"ops:admin:0123456789abcdef", "systems:admin:0123456789abcdef", "lena:client:0123456789abcdef,léna:client:fedcba9876543210"} {
		if _, err := gateway.ParseKeys(spec); err != nil {
			t.Errorf("ParseKeys(%q): %v", spec, err)
		}
	}
}

func TestReadRoutesAndKeys(t *testing.T) {
	keys, _ := gateway.ParseKeys("app:client:0123456789abcdef")
	nc := natstest.Conn(t, natstest.RunServer(t))
	tests := []struct {
		name   string
		cfg    gateway.Config
		header string
		want   int
	}{
		{"open when no keys are configured", gateway.Config{}, "", 400},
		{"closed when keys are required", gateway.Config{RequireKeys: true}, "", 401},
		{"closed when keys exist", gateway.Config{Keys: keys}, "", 401},
		{"valid key", gateway.Config{Keys: keys}, "Bearer 0123456789abcdef", 400},
		{"wrong key is 401 even on open routes", gateway.Config{}, "Bearer wrong-key-wrong-key", 401},
		// RFC 9110 11.1: the scheme is case-insensitive, and one or more
		// spaces may follow it.
		{"lower-case scheme", gateway.Config{Keys: keys}, "bearer 0123456789abcdef", 400},
		{"upper-case scheme", gateway.Config{Keys: keys}, "BEARER 0123456789abcdef", 400},
		{"spaces after the scheme", gateway.Config{Keys: keys}, "Bearer   0123456789abcdef", 400},
		{"another scheme", gateway.Config{Keys: keys}, "Basic 0123456789abcdef", 401},
		// docs/api.md lists DeepL's scheme as a way to present a key on
		// every route, not only on /v2.
		{"DeepL-Auth-Key scheme", gateway.Config{Keys: keys}, "DeepL-Auth-Key 0123456789abcdef", 400},
		{"lower-case DeepL-Auth-Key scheme", gateway.Config{Keys: keys}, "deepl-auth-key 0123456789abcdef", 400},
		{"wrong DeepL-Auth-Key", gateway.Config{Keys: keys}, "DeepL-Auth-Key wrong-key-wrong-key", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := prometheus.NewRegistry()
			gw := gateway.New(tt.cfg, nc, reg, reg, slog.New(slog.DiscardHandler))
			ts := httptest.NewServer(gw.Handler())
			defer ts.Close()
			req, _ := http.NewRequest("POST", ts.URL+"/v1/translate", strings.NewReader(`{"text":""}`))
			if tt.header != "" {
				req.Header.Set(echo.HeaderAuthorization, tt.header)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			// 400 means the request got past authentication to validation.
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.want)
			}
		})
	}
}

// TestKeyFormsOnEveryRouteFamily presents one key in each form docs/api.md
// lists (Authorization: Bearer, Authorization: DeepL-Auth-Key, X-API-Key)
// to a route of each family: Parley's /v1, DeepL's /v2, LibreTranslate's
// and /metrics. Each form is the same key everywhere; a wrong key is
// refused in each API's own way.
func TestKeyFormsOnEveryRouteFamily(t *testing.T) {
	const adminKey = "admin-key-0123456789"
	u := compatGateway(t, "app:client:"+clientKey+",ops:admin:"+adminKey)
	forms := map[string]func(key string) http.Header{
		"Bearer":         func(k string) http.Header { return http.Header{"Authorization": {"Bearer " + k}} },
		"DeepL-Auth-Key": func(k string) http.Header { return http.Header{"Authorization": {"DeepL-Auth-Key " + k}} },
		"X-API-Key":      func(k string) http.Header { return http.Header{"X-Api-Key": {k}} },
	}
	routes := []struct {
		name, method, path, ctype, body, key string
		wrong                                int // status for a wrong key
	}{
		{"v1 read", "GET", "/v1/usage", "", "", clientKey, http.StatusUnauthorized},
		{"v1 translate", "POST", "/v1/translate", jsonType, `{"text":"hello","source":"en","target":"es"}`, clientKey, http.StatusUnauthorized},
		{"deepl", "POST", "/v2/translate", formType, form("text", "hello", "source_lang", "EN", "target_lang", "ES"), clientKey, http.StatusForbidden},
		{"libretranslate", "POST", "/translate", jsonType, `{"q":"hello","source":"en","target":"es"}`, clientKey, http.StatusForbidden},
		{"metrics", "GET", "/metrics", "", "", adminKey, http.StatusUnauthorized},
	}
	for _, rt := range routes {
		for name, header := range forms {
			t.Run(rt.name+"/"+name, func(t *testing.T) {
				if r := send(t, rt.method, u+rt.path, rt.ctype, rt.body, header(rt.key)); r.status != http.StatusOK {
					t.Fatalf("key as %s: %d %s", name, r.status, r.body)
				}
				if r := send(t, rt.method, u+rt.path, rt.ctype, rt.body, header("wrong-key-0123456789")); r.status != rt.wrong {
					t.Fatalf("wrong key as %s: %d %s, want %d", name, r.status, r.body, rt.wrong)
				}
			})
		}
		t.Run(rt.name+"/no key", func(t *testing.T) {
			if r := send(t, rt.method, u+rt.path, rt.ctype, rt.body, nil); r.status < 400 {
				t.Fatalf("no key: %d %s", r.status, r.body)
			}
		})
	}
}

// TestEnvKeysClashingWithManagedKeys: an entry of PARLEY_API_KEYS with a
// managed key's secret (the managed key wins) or name (audit trails could
// not tell them apart) is reported at start, by position and key id, never
// with the secret; a revoked managed key clashes with nothing.
func TestEnvKeysClashingWithManagedKeys(t *testing.T) {
	nc := natstest.Conn(t, natstest.RunServer(t))
	st := openStore(t, nc)
	ctx := context.Background()
	_, secret, err := st.Create(ctx, gateway.KeySpec{Name: "ops", Roles: []gateway.Role{gateway.RoleAdmin}})
	if err != nil {
		t.Fatal(err)
	}
	gone, _, err := st.Create(ctx, gateway.KeySpec{Name: "old", Roles: []gateway.Role{gateway.RoleClient}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Revoke(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	keys, err := gateway.ParseKeys("OPS:client:env-only-0123456789ab,app@acme:client:" + secret + ",Old:client:env-two-0123456789abc")
	if err != nil {
		t.Fatal(err)
	}
	logs := &warnings{}
	reg := prometheus.NewRegistry()
	gw := gateway.New(gateway.Config{Keys: keys, Timeout: 5 * time.Second}, nc, reg, reg, slog.New(logs))
	t.Cleanup(func() { _ = gw.Close() })
	got := strings.Join(logs.all(), "\n")
	for _, want := range []string{
		"entry 1 of PARLEY_API_KEYS has the name of a managed key",
		"entry 2 of PARLEY_API_KEYS has the key of a managed key, which wins",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "entry 3") || strings.Contains(got, secret) || strings.Contains(got, "env-") {
		t.Errorf("log reports a revoked key's name or shows a secret:\n%s", got)
	}
}

// TestKeylessCallSaysWhichKey: a call without a key, once keys exist,
// hears which key the route needs: any key on the reads and translations
// (naming the client role there would send a moderator's or a
// localizer's caller after a key they do not need), a key of the role on
// the others.
func TestKeylessCallSaysWhichKey(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	tests := []struct {
		method, path, body string
		want               string
	}{
		{"POST", "/v1/translate", `{"text":"hello","source":"en","target":"es"}`, "this route needs an API key (any role)"},
		{"POST", "/v1/detect", `{"text":"hello"}`, "this route needs an API key (any role)"},
		{"GET", "/v1/glossaries", "", "this route needs an API key (any role)"},
		{"POST", "/v1/messages", `{"conversation":"c1","text":"hello"}`, "this route needs an API key with the client role"},
		{"POST", "/v1/glossaries", `{"id":"g1"}`, "this route needs an API key with the localization role"},
		{"GET", "/v1/moderation/cases", "", "this route needs an API key with the moderator role"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := send(t, tt.method, u+tt.path, jsonType, tt.body, nil)
			var e api.ErrorBody
			r.decode(t, &e)
			if r.status != http.StatusUnauthorized || !strings.HasPrefix(e.Error.Message, tt.want+";") {
				t.Fatalf("%d %q, want 401 %q", r.status, e.Error.Message, tt.want)
			}
		})
	}
}
