package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

func readAntivirus(ctx context.Context, sys host.System, products []catalog.Antivirus) (avFacts, error) {
	return readMacAntivirus(ctx, sys, products)
}
