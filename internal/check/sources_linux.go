package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

const (
	aptSourcesList = "/etc/apt/sources.list"
	aptSourcesDir  = "/etc/apt/sources.list.d"
)

// readSources reads apt's sources: sources.list and sources.list.d's
// *.list and *.sources (files with other endings apt ignores too), and,
// from the package manager's shared answer, the installed packages no
// archive offers. Other package managers' repositories are not read yet.
func readSources(ctx context.Context, sys host.System, pkgs *updates.Cache) (sourcesFacts, error) {
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
	if pkgs != nil {
		rep, err := pkgs.Report(ctx)
		switch {
		case err != nil:
			f.LocalErr = err
		case rep.LocalErr != "":
			f.LocalErr = errors.New(rep.LocalErr)
		default:
			f.Local = rep.Local
		}
	}
	return f, nil
}

// sourcesTriggers: what the package manager's answer depends on, apt's
// sources among them.
func sourcesTriggers(host.System) []monitor.Trigger {
	return fileTriggers(updates.StateFiles()...)
}
