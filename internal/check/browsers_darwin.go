package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/updates"
)

func readBrowsers(ctx context.Context, sys host.System, browsers []catalog.Browser, _ *updates.Cache) (browserFacts, error) {
	return readMacBrowsers(ctx, sys, browsers)
}
