package check

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
)

// browserDirs: the Chromium family's "User Data" folders in the person's
// %LOCALAPPDATA% (by chromiumNames) and Firefox's profiles in %APPDATA%.
func browserDirs(host.System) (chromium []browserDir, firefox browserDir) {
	if local, err := windows.KnownFolderPath(windows.FOLDERID_LocalAppData, 0); err == nil {
		fsys := os.DirFS(local)
		for i, dir := range []string{"Google/Chrome/User Data", "Chromium/User Data", "Microsoft/Edge/User Data", "BraveSoftware/Brave-Browser/User Data", "Vivaldi/User Data"} {
			chromium = append(chromium, browserDir{Name: chromiumNames[i], FS: fsys, Dir: dir})
		}
	}
	firefox = browserDir{Name: "Firefox"}
	if roaming, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, 0); err == nil {
		firefox.FS, firefox.Dir = os.DirFS(filepath.Join(roaming, "Mozilla", "Firefox")), "Profiles"
	}
	return chromium, firefox
}
