package gettext_test

import (
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/parley-chat/parley/quality/gettext"
)

func TestRoundTrip(t *testing.T) {
	msgs := []gettext.Message{
		{ID: "cannot remove %s", Translations: []string{"no se puede borrar %s"}},
		{Context: "menu", ID: "Open", Translations: []string{"Abrir"}},
		{ID: "%d file", Plural: "%d files", Translations: []string{"%d fichero", "%d ficheros"}},
	}
	data := gettext.Encode("Language: es\nContent-Type: text/plain; charset=UTF-8\n", msgs)
	c, err := gettext.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Charset != "UTF-8" || c.Header["Language"] != "es" {
		t.Errorf("header %v charset %q", c.Header, c.Charset)
	}
	if !reflect.DeepEqual(c.Messages, msgs) {
		t.Errorf("got  %+v\nwant %+v", c.Messages, msgs)
	}
}

func TestLatin1AndBigEndian(t *testing.T) {
	// "café" in ISO-8859-1 is 63 61 66 e9: not UTF-8.
	data := gettext.Encode("Content-Type: text/plain; charset=ISO-8859-1\n", []gettext.Message{
		{ID: "coffee", Translations: []string{"caf\xe9"}},
	})
	c, err := gettext.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Messages[0].Translations[0]; got != "café" {
		t.Errorf("decoded %q", got)
	}
	// The same file with every header and table word byte-swapped.
	be := append([]byte(nil), data...)
	words := (28 + 16*2) / 4
	for i := range words {
		v := binary.LittleEndian.Uint32(be[4*i:])
		binary.BigEndian.PutUint32(be[4*i:], v)
	}
	c, err = gettext.Parse(be)
	if err != nil || c.Messages[0].Translations[0] != "café" {
		t.Fatalf("big-endian: %v %+v", err, c)
	}
}

func TestRejectsCorruptFiles(t *testing.T) {
	good := gettext.Encode("", []gettext.Message{{ID: "a", Translations: []string{"b"}}})
	outOfRange := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(outOfRange[28+4:], 1<<30) // first string's offset
	badUTF8 := gettext.Encode("", []gettext.Message{{ID: "a", Translations: []string{"\xff"}}})
	cases := map[string][]byte{
		"empty":        nil,
		"short":        good[:20],
		"bad magic":    append([]byte{1, 2, 3, 4}, good[4:]...),
		"out of range": outOfRange,
		"bad utf-8":    badUTF8,
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := gettext.Parse(data); err == nil {
				t.Error("want an error")
			}
		})
	}
	if _, err := gettext.Parse(cases["bad magic"]); !errors.Is(err, gettext.ErrFormat) {
		t.Errorf("bad magic: %v, want ErrFormat", err)
	}
	if _, err := gettext.Parse(gettext.Encode("Content-Type: text/plain; charset=KLINGON\n", nil)); err == nil {
		t.Error("unknown charset: want an error")
	}
}

// TestSystemCatalog reads a catalog Debian installed and checks it against
// msgunfmt, when both are on this machine.
func TestSystemCatalog(t *testing.T) {
	const path = "/usr/share/locale/es/LC_MESSAGES/coreutils.mo"
	if _, err := os.Stat(path); err != nil {
		t.Skip("no Spanish coreutils catalog on this machine")
	}
	c, err := gettext.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Messages) < 100 {
		t.Fatalf("%d messages", len(c.Messages))
	}
	msgunfmt, err := exec.LookPath("msgunfmt")
	if err != nil {
		t.Skip("msgunfmt (package gettext) is not installed; skipping the cross-check")
	}
	out, err := exec.Command(msgunfmt, path).Output()
	if err != nil {
		t.Fatal(err)
	}
	// msgunfmt prints the header entry first, then every message as a
	// block after a blank line.
	want := strings.Count(string(out), "\n\nmsgid")
	if len(c.Messages) != want {
		t.Errorf("%d messages, msgunfmt lists %d", len(c.Messages), want)
	}
}
