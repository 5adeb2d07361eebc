package check

import "io/fs"

// browserDir is the folder where one browser keeps its profiles: each
// folder in it is a profile (Chromium's "Default", "Profile 1"; Firefox's
// "x1y2z3.default-release").
type browserDir struct {
	Name    string // as people know the browser: "Chrome", "Firefox"
	FS      fs.FS
	Dir     string // in FS
	Firefox bool   // Firefox's profiles; otherwise the Chromium family's
}

// split parts the folders into the Chromium family's and Firefox's.
func split(dirs []browserDir) (chromium, firefox []browserDir) {
	for _, d := range dirs {
		if d.Firefox {
			firefox = append(firefox, d)
		} else {
			chromium = append(chromium, d)
		}
	}
	return chromium, firefox
}

// profiles lists the profile folders of a browser.
func (b browserDir) profiles() []string {
	if b.FS == nil {
		return nil
	}
	entries, _ := fs.ReadDir(b.FS, b.Dir)
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}
