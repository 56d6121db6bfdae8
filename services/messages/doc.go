// Package messages is Parley's messages service (see docs/messages.md): it
// keeps chat messages in a JetStream stream (one subject per
// conversation), materializes them into an in-memory read model (Log),
// renders them as views in a reader's locale (Renderer, with labels from
// x/text message catalogs), tracks each conversation's active reader
// locales (Presence) and pre-translates new messages into them
// (Pretranslator), publishing the views for the gateway's event streams.
package messages
