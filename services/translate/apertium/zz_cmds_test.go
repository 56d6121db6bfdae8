//go:build probe

package apertium

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDumpCommands(t *testing.T) {
	modes, _, err := discoverModes("/usr/share/apertium/modes")
	if err != nil {
		t.Skip(err)
	}
	for _, m := range modes {
		if m.name != os.Getenv("MODE") {
			continue
		}
		for _, c := range withFixes(m.commands, m.source, m.target) {
			q := make([]string, len(c))
			for i, a := range c {
				q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
			}
			fmt.Println(strings.Join(q, " "))
		}
	}
}
