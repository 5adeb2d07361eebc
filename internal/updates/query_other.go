//go:build !linux

package updates

import (
	"context"
	"fmt"
	"runtime"
)

func (u *Cache) query(ctx context.Context) (Report, error) {
	return Report{}, fmt.Errorf("not supported on %s yet", runtime.GOOS)
}
