package check

import (
	"os"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
)

// userDocumentDirs are the Desktop, Documents and Downloads known
// folders (wherever the person or OneDrive moved them).
func userDocumentDirs(host.System) ([]userDir, error) {
	var out []userDir
	for _, id := range []*windows.KNOWNFOLDERID{windows.FOLDERID_Desktop, windows.FOLDERID_Documents, windows.FOLDERID_Downloads} {
		p, err := windows.KnownFolderPath(id, 0)
		if err != nil {
			continue
		}
		out = append(out, userDir{abs: p, fsys: os.DirFS(p), root: "."})
	}
	return out, nil
}
