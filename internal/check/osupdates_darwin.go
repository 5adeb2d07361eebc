package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/updates"
)

// systemUpdates: a Mac's updates are Software Update's.
func systemUpdates(ctx context.Context, sys host.System, _ *updates.Cache) (updates.Report, error) {
	return readMacUpdates(ctx, sys)
}
