// Command moderation runs the moderation service on its own.
package main

import (
	"github.com/parley-chat/parley/services/moderation"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("moderation", moderation.Start) }
