package check

import (
	"path"

	"github.com/mamori-project/mamori/internal/host"
)

// browserDirs: the Chromium family's folders under ~/.config (by
// chromiumNames) and Firefox's under ~/.mozilla. Snap and Flatpak
// browsers keep theirs elsewhere and are not read yet.
func browserDirs(sys host.System) (chromium []browserDir, firefox browserDir) {
	config := sys.ConfigHome()
	for i, dir := range []string{"google-chrome", "chromium", "microsoft-edge", "BraveSoftware/Brave-Browser", "vivaldi"} {
		chromium = append(chromium, browserDir{Name: chromiumNames[i], FS: sys.FS, Dir: host.Rel(path.Join(config, dir))})
	}
	return chromium, browserDir{Name: "Firefox", FS: sys.FS, Dir: host.Rel(sys.Home + "/.mozilla/firefox")}
}
