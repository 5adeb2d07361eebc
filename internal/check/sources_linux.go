package check

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

const (
	aptSourcesList = "/etc/apt/sources.list"
	aptSourcesDir  = "/etc/apt/sources.list.d"
)

// readSources reads apt's sources: sources.list and sources.list.d's
// *.list and *.sources (files with other endings apt ignores too). Other
// package managers' repositories are not read yet.
func readSources(sys host.System) (sourcesFacts, error) {
	var f sourcesFacts
	found := false
	if data, err := sys.ReadFile(aptSourcesList); err == nil {
		found = true
		f.Sources = append(f.Sources, parseSourcesList(aptSourcesList, data)...)
	}
	entries, err := sys.ReadDir(aptSourcesDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	for _, e := range entries {
		p := aptSourcesDir + "/" + e.Name()
		switch {
		case strings.HasSuffix(e.Name(), ".list"):
			if data, err := sys.ReadFile(p); err == nil {
				found = true
				f.Sources = append(f.Sources, parseSourcesList(p, data)...)
			}
		case strings.HasSuffix(e.Name(), ".sources"):
			if data, err := sys.ReadFile(p); err == nil {
				found = true
				f.Sources = append(f.Sources, parseDeb822(p, data)...)
			}
		}
	}
	if !found {
		return f, fmt.Errorf("missing: %s, %s (apt)", aptSourcesList, aptSourcesDir)
	}
	return f, nil
}

// sourcesTriggers: apt's source files.
func sourcesTriggers(host.System) []monitor.Trigger {
	return fileTriggers(aptSourcesList, aptSourcesDir+"/")
}
