package check

import "github.com/mamori-project/mamori/internal/host"

// browserDirs: the folders under ~/Library/Application Support.
func browserDirs(sys host.System) []browserDir { return macBrowserDirs(sys) }
