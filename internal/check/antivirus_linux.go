package check

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readAntivirus lists the running processes and matches them against the
// catalogue; when ClamAV runs, it reads its definitions' age.
func readAntivirus(ctx context.Context, sys host.System, products []catalog.Antivirus) (avFacts, error) {
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return avFacts{}, err
	}
	f := avFacts{Scanned: len(procs), Found: matchProducts(products, procs)}
	if hasProduct(f.Found, "clamav") {
		f.ClamDir = clamDatabaseDir(sys)
		f.ClamBuilt, f.ClamErr = clamDefinitionsTime(sys, f.ClamDir)
	}
	return f, nil
}

// clamDatabaseDir reads DatabaseDirectory from freshclam.conf or clamd.conf.
func clamDatabaseDir(sys host.System) string {
	for _, conf := range []string{"/etc/clamav/freshclam.conf", "/etc/clamav/clamd.conf", "/etc/freshclam.conf", "/etc/clamd.d/scan.conf"} {
		data, err := sys.ReadFile(conf)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) == 2 && f[0] == "DatabaseDirectory" && path.IsAbs(f[1]) {
				return f[1]
			}
		}
	}
	return "/var/lib/clamav"
}

// clamDefinitionsTime returns the build time of the newest ClamAV database in
// dir, read from the files' own headers.
func clamDefinitionsTime(sys host.System, dir string) (time.Time, error) {
	entries, err := sys.ReadDir(dir)
	if err != nil {
		return time.Time{}, fmt.Errorf("reading %s: %w", dir, err)
	}
	var newest time.Time
	var lastErr error
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if ext != ".cvd" && ext != ".cld" && ext != ".cud" {
			continue
		}
		f, err := sys.FS.Open(host.Rel(path.Join(dir, e.Name())))
		if err != nil {
			lastErr = err
			continue
		}
		head := make([]byte, 512)
		n, _ := f.Read(head)
		f.Close()
		t, err := parseCVDHeader(head[:n])
		if err != nil {
			lastErr = fmt.Errorf("%s: %w", e.Name(), err)
			continue
		}
		if t.After(newest) {
			newest = t
		}
	}
	if newest.IsZero() {
		if lastErr != nil {
			return newest, lastErr
		}
		return newest, errors.New("no ClamAV database files in " + dir)
	}
	return newest, nil
}
