//go:build !windows

package check

import (
	"errors"
	"path"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
)

// userDocumentDirs are Desktop, Documents and Downloads, as
// user-dirs.dirs names them (a Japanese desktop: デスクトップ, ドキュメント,
// ダウンロード), or their English defaults.
func userDocumentDirs(sys host.System) ([]userDir, error) {
	if !path.IsAbs(sys.Home) {
		return nil, errors.New("no home directory")
	}
	dirs := map[string]string{
		"XDG_DESKTOP_DIR":   path.Join(sys.Home, "Desktop"),
		"XDG_DOCUMENTS_DIR": path.Join(sys.Home, "Documents"),
		"XDG_DOWNLOAD_DIR":  path.Join(sys.Home, "Downloads"),
	}
	if data, err := sys.ReadFile(path.Join(sys.ConfigHome(), "user-dirs.dirs")); err == nil {
		for line := range lines.All(data) {
			k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
			if _, wanted := dirs[k]; !ok || !wanted {
				continue
			}
			v = strings.Trim(v, `"`)
			v = strings.Replace(v, "$HOME", sys.Home, 1)
			// A folder set to the home itself means "not used".
			if path.IsAbs(v) && path.Clean(v) != path.Clean(sys.Home) {
				dirs[k] = path.Clean(v)
			} else {
				delete(dirs, k)
			}
		}
	}
	var out []userDir
	for _, k := range []string{"XDG_DESKTOP_DIR", "XDG_DOCUMENTS_DIR", "XDG_DOWNLOAD_DIR"} {
		if d, ok := dirs[k]; ok {
			out = append(out, userDir{abs: d, fsys: sys.FS, root: host.Rel(d)})
		}
	}
	return out, nil
}
