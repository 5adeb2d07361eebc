package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readRemote lists the processes by their programs' names. The listening
// sockets (GetExtendedTcpTable) are not read yet.
func readRemote(ctx context.Context, sys host.System, _ catalog.Remote) (remoteFacts, error) {
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return remoteFacts{}, err
	}
	return remoteFacts{Scanned: len(procs), Procs: procs, Windows: true}, nil
}
