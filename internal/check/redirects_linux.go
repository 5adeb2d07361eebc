package check

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

const (
	linuxHosts = "/etc/hosts"
	// linuxAddedCerts is where an administrator (or a program running as
	// root) adds certificates for update-ca-certificates to trust: Debian
	// and Ubuntu ship nothing there.
	linuxAddedCerts = "/usr/local/share/ca-certificates"
)

// readRedirects reads /etc/hosts and the certificates added to the
// system's trust.
func readRedirects(sys host.System) (redirectFacts, error) {
	f := redirectFacts{HostsFile: linuxHosts, CertDir: linuxAddedCerts}
	// Every Linux system has a hosts file: without one, this is not the
	// system it seems to be, and nothing can be told.
	data, err := readLimited(sys, linuxHosts, maxHosts)
	if err != nil {
		return f, fmt.Errorf("reading %s: %w", linuxHosts, err)
	}
	f.Entries = parseHostsGlibc(data)
	if name, err := sys.ReadFile("/etc/hostname"); err == nil {
		f.Hostname = asciiLower(strings.TrimSpace(string(name)))
	}
	f.Certs, f.CertErr = readCerts(sys, linuxAddedCerts)
	// The browsers' own: Firefox's profiles, and the database Chromium,
	// Chrome and the like share on Linux for certificates the person
	// imports.
	dbs := append(firefoxNSS(browserDirs(sys)), nssDB{FS: sys.FS, File: host.Rel(sys.Home + "/.pki/nssdb/cert9.db"), Where: "~/.pki/nssdb"})
	certs, err := readNSSRoots(dbs)
	f.Certs, f.CertErr = append(f.Certs, certs...), errors.Join(f.CertErr, err)
	return f, nil
}

// redirectTriggers: the hosts file, the added certificates' folder and the
// shared NSS database. Firefox's profiles are not watched: Firefox writes
// to them all the time it runs, and the interval re-reads them.
func redirectTriggers(sys host.System) []monitor.Trigger {
	return fileTriggers(linuxHosts, linuxAddedCerts+"/", sys.Home+"/.pki/nssdb/cert9.db")
}
