package check

import "io/fs"

// browserDir is the folder where one browser keeps its profiles: each
// folder in it is a profile (Chromium's "Default", "Profile 1"; Firefox's
// "x1y2z3.default-release").
type browserDir struct {
	Name string // as people know the browser: "Chrome", "Firefox"
	FS   fs.FS
	Dir  string // in FS
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

// chromiumNames names the Chromium-family browsers whose profiles are read,
// in the order they are listed.
var chromiumNames = []string{"Chrome", "Chromium", "Edge", "Brave", "Vivaldi"}
