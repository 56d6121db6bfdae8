module github.com/parley-chat/parley/services/detect

go 1.26.0

require github.com/parley-chat/parley/shared v0.0.0

replace github.com/parley-chat/parley/shared => ../../shared
