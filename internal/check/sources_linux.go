package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
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
func readSources(ctx context.Context, sys host.System) (sourcesFacts, error) {
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
	f.Local, f.LocalErr = localPackages(ctx, sys)
	return f, nil
}

// localPackages lists the installed packages that no archive offers:
// dpkg-query names what is installed, apt-cache policy says where each
// installed version comes from. Mamori's own package, installed from its
// file, is not counted.
func localPackages(ctx context.Context, sys host.System) ([]string, error) {
	out, err := sys.Cmd.Run(ctx, command.DpkgQuery, "-W", "-f", "${db:Status-Abbrev}\t${binary:Package}\n")
	if err != nil {
		return nil, fmt.Errorf("dpkg-query: %w", err)
	}
	var installed []string
	for _, line := range strings.Split(string(out), "\n") {
		abbrev, name, ok := strings.Cut(line, "\t")
		if ok && strings.HasPrefix(abbrev, "ii") && name != "mamori" {
			installed = append(installed, name)
		}
	}
	if len(installed) == 0 {
		return nil, errors.New("dpkg-query: no package installed")
	}
	policy, err := sys.Cmd.Run(ctx, command.AptCache, append([]string{"policy", "--"}, installed...)...)
	if err != nil {
		return nil, fmt.Errorf("apt-cache: %w", err)
	}
	local, archives := parseAptPolicy(policy)
	if !archives {
		return nil, errors.New("apt-cache: no package list (apt-get update not run)")
	}
	return local, nil
}

// sourcesTriggers: apt's source files, and dpkg's record of what is
// installed (written once per install or removal).
func sourcesTriggers(host.System) []monitor.Trigger {
	return fileTriggers(aptSourcesList, aptSourcesDir+"/", "/var/lib/dpkg/status")
}
