package check

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
)

// readAntivirus lists the running processes and matches them against the
// catalogue; when ClamAV runs, it reads its definitions' age.
func readAntivirus(ctx context.Context, sys host.System, products []catalog.Antivirus) (avFacts, error) {
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return avFacts{}, err
	}
	f := avFacts{Scanned: len(procs)}
	f.Found, f.Ignored = matchProducts(products, procs, func(p host.Process, product catalog.Antivirus) (bool, string) {
		return believable(sys, p, product)
	})
	if hasProduct(f.Found, "clamav") {
		d := avDefinitions{Product: "clamav", SourceKey: "clamav-database", Source: clamDatabaseDir(sys)}
		d.Built, d.Err = clamDefinitionsTime(sys, d.Source)
		f.Defs = d
	}
	return f, nil
}

// believable reports whether a process that carries a product's name can
// be taken for the product. A name proves nothing: any user can run a copy
// of sleep called savd. A process of a system account (UID below 1000:
// root, clamav) was started by the system, which a user cannot do. Any
// other needs its program to be the product's (the file's own name, so a
// symlink to a system program under a product's name does not pass) and a
// system file: owned by root and not writable by others, in a directory
// likewise.
func believable(sys host.System, p host.Process, product catalog.Antivirus) (bool, string) {
	if uid, ok := processUID(sys, p.PID); ok && uid < 1000 {
		return true, ""
	}
	exe := strings.TrimSuffix(p.Exe, " (deleted)")
	if exe == "" {
		return false, "its program file cannot be seen"
	}
	if !slices.Contains(product.Procs, baseName(exe)) {
		return false, "its program file is not the product's"
	}
	for _, f := range []string{exe, path.Dir(exe)} {
		fi, err := sys.Stat(f)
		if err != nil {
			return false, "its program file cannot be checked"
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok || st.Uid != 0 || fi.Mode().Perm()&0o022 != 0 {
			return false, "its program is not a system file (owned by root, writable by no one else)"
		}
	}
	return true, ""
}

// processUID reads the real user ID from /proc/PID/status ("Uid:" real,
// effective, saved, filesystem). The owner of /proc/PID itself is no
// guide: the kernel shows root for a process that is not dumpable.
func processUID(sys host.System, pid int32) (int, bool) {
	data, err := sys.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	return parseStatusUID(data)
}

// clamDatabaseDir reads DatabaseDirectory from freshclam.conf or clamd.conf.
func clamDatabaseDir(sys host.System) string {
	for _, conf := range []string{"/etc/clamav/freshclam.conf", "/etc/clamav/clamd.conf", "/etc/freshclam.conf", "/etc/clamd.d/scan.conf"} {
		data, err := sys.ReadFile(conf)
		if err != nil {
			continue
		}
		for line := range lines.All(data) {
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
