// Package cliflag parses command lines whose flags may come after the
// positional arguments, as the docs write them (`parley keys rotate <id>
// --grace 24h`). The standard flag package stops at the first argument
// that is not a flag, so there every flag after it would be taken for one
// more argument.
package cliflag

import "flag"

// Parse parses args with fs, flags and positional arguments in any order,
// and returns the positional arguments in the order given. "--" ends the
// flags: everything after it is positional, even what starts with "-". A
// lone "-" (stdin, for commands that read a file) is positional.
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// Parse stopped either at a positional argument (left in rest) or
		// just after a "--" it consumed: then everything left is
		// positional.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
