// Package moderation is Parley's moderation service (see docs/moderation.md).
package moderation
