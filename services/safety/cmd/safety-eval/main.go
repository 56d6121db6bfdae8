// Command safety-eval prints the precision and recall of the safety checks
// on the labelled set (see package eval).
package main

import (
	"os"

	"github.com/parley-chat/parley/services/safety/eval"
)

func main() { os.Exit(eval.Main(os.Args[1:], os.Stdout, os.Stderr)) }
