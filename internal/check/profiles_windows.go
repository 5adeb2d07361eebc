package check

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
)

// browserDirs: the Chromium family's "User Data" folders in the person's
// %LOCALAPPDATA% and Firefox's profiles in %APPDATA%.
func browserDirs(host.System) []browserDir {
	var out []browserDir
	if local, err := windows.KnownFolderPath(windows.FOLDERID_LocalAppData, 0); err == nil {
		fsys := os.DirFS(local)
		for _, b := range []struct{ name, dir string }{
			{"Chrome", "Google/Chrome/User Data"}, {"Chromium", "Chromium/User Data"}, {"Edge", "Microsoft/Edge/User Data"},
			{"Brave", "BraveSoftware/Brave-Browser/User Data"}, {"Vivaldi", "Vivaldi/User Data"},
		} {
			out = append(out, browserDir{Name: b.name, FS: fsys, Dir: b.dir})
		}
	}
	if roaming, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, 0); err == nil {
		out = append(out, browserDir{Name: "Firefox", FS: os.DirFS(filepath.Join(roaming, "Mozilla", "Firefox")), Dir: "Profiles", Firefox: true})
	}
	return out
}
