//go:build !windows

package watch

import (
	"context"
	"errors"
)

// Registry: there is a registry only on Windows.
func Registry(ctx context.Context, paths []string, ready func(), changed func(path string)) error {
	return errors.New("there is no registry on this system")
}
