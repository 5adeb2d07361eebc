package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// remoteListeners: macOS's Screen Sharing and Remote Management, which
// launchd listens for. Other programs' sockets are not read (lsof needs
// root for other users'); the support tools are found by their processes.
func remoteListeners(sys host.System, _ []host.Process, _ catalog.Remote) ([]listener, bool) {
	ls, err := macRemoteListeners(context.Background(), sys)
	return ls, err == nil
}
