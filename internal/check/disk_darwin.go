package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
)

func readDisks(sys host.System) (diskFacts, error) { return readMacDisks(context.Background(), sys) }
