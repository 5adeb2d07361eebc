package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

func readPasswordManagers(ctx context.Context, sys host.System, managers []catalog.PasswordManager) (pmFacts, error) {
	return readMacPasswordManagers(ctx, sys, managers)
}
