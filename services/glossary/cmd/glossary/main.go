// Command glossary runs the glossary service on its own.
package main

import (
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("glossary", glossary.Start) }
