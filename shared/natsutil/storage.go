package natsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/nats-io/nats.go/jetstream"
)

// JetStream storage: how large the file store may grow, and the errors of
// a write or a stream that finds no room.
//
// A JetStream that writes until the disk is full does not refuse the
// write: nats-server logs "no space left on device", leaves the publisher
// without an answer (which then waits for its whole timeout) and keeps the
// stream's write error until it is restarted, even after space is freed.
// Refused early, by its file store limit (max_file_store: "insufficient
// resources") or a stream's own byte bound with DiscardNew ("maximum bytes
// exceeded"), the write is answered at once and the next one succeeds as
// soon as there is room again.

// JetStream API error codes (nats-server's errors.json) of a write or a
// stream refused for storage.
const (
	// errCodeAccountResources: the account's storage limit is used up
	// (JSAccountResourcesExceededErr).
	errCodeAccountResources = 10002
	// errCodeInsufficientResources: the server's file store limit
	// (max_file_store) is used up (JSInsufficientResourcesErr).
	errCodeInsufficientResources = 10023
	// errCodeStorageReserve: the byte bound of a stream being created or
	// updated cannot be reserved in the file store, whose limit the bounds
	// of the other streams already reserve (JSStorageResourcesExceededErr,
	// "insufficient storage resources available").
	errCodeStorageReserve = 10047
	// errCodeStreamStoreFailed: the stream refused the message for one of
	// its own limits (JSStreamStoreFailedF); the description names it.
	errCodeStreamStoreFailed = 10077
)

// StorageFull reports whether err is JetStream refusing a write for lack
// of room: the file store (max_file_store) or the account's storage is used
// up, or the stream is at its byte or message bound with DiscardNew. The
// same write succeeds once retention or an operator makes room; retrying
// at once does not help.
func StorageFull(err error) bool {
	var apiErr *jetstream.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.ErrorCode {
	case errCodeAccountResources, errCodeInsufficientResources:
		return true
	case errCodeStreamStoreFailed:
		// Not "maximum messages per subject exceeded" (a per-subject cap,
		// DiscardNewPerSubject) nor "message size exceeds maximum
		// allowed": those refuse this write, not every write.
		return apiErr.Description == "maximum bytes exceeded" || apiErr.Description == "maximum messages exceeded"
	}
	return false
}

// ReserveRefused reports whether err is JetStream refusing to create or
// update a stream (or KV bucket, object store) because its byte bound does
// not fit in the file store (max_file_store) beside the bounds the other
// streams reserve ("insufficient storage resources available").
func ReserveRefused(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == errCodeStorageReserve
}

// DefaultMaxFileStore is the file store limit (max_file_store) of an
// embedded server whose store is dir when none is configured: what dir
// holds already plus 90% of the space free on its file system. JetStream
// then refuses writes ("insufficient resources", answered at once) before
// the disk is full, as long as nothing else fills it. nats-server's own
// default, 75% of the space free at start, shrinks at every restart as the
// store grows, down to less than the store holds, when it refuses every
// write. It returns 0, nats-server's default then, when the free space
// cannot be read (a platform without statfs).
func DefaultMaxFileStore(dir string) int64 {
	free, ok := freeBytes(dir)
	if !ok {
		return 0
	}
	return dirBytes(dir) + free/10*9
}

// dirBytes is the size of the files under dir (0 when it does not exist).
func dirBytes(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a file removed meanwhile, an unreadable directory
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// existingParent is dir or its nearest existing parent, whose file system
// dir will be on.
func existingParent(dir string) string {
	for {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// StorageRetryAfter is the Retry-After, in seconds, of a write refused for
// lack of room (StorageFull): retention frees room in minutes or hours,
// an operator in longer, so a client retrying every second gains nothing.
const StorageRetryAfter = 60
