//go:build !darwin

package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/updates"
)

// systemUpdates: the package manager's answer, through the shared cache.
func systemUpdates(ctx context.Context, _ host.System, pkgs *updates.Cache) (updates.Report, error) {
	return pkgs.Report(ctx)
}
