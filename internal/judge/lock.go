package judge

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// lockDir takes the state directory's lock, waiting for another judge that
// holds it, until ctx ends; the returned function releases it. The lock is
// the operating system's on an open file, so a judge that dies releases it
// with its process.
func lockDir(ctx context.Context, dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "agent.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the state's lock: %w", err)
	}
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking the state: %w", err)
		}
		if ok {
			return func() { unlock(f); f.Close() }, nil
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("waiting for another judge to release the state: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}
