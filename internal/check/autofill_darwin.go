package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
)

func readAutofill(ctx context.Context, sys host.System) (autofillFacts, error) {
	return readMacAutofill(ctx, sys)
}
