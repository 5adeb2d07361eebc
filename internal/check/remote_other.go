//go:build !linux

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readRemote lists the processes (on Windows by their programs' names).
// Listening sockets are read on Linux only (Windows' GetExtendedTcpTable
// is not read yet).
func readRemote(ctx context.Context, sys host.System, _ catalog.Remote) (remoteFacts, error) {
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return remoteFacts{}, err
	}
	return remoteFacts{Scanned: len(procs), Procs: procs, Windows: runtime.GOOS == "windows"}, nil
}
