package check

import (
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
	f.Entries = parseHosts(data)
	if name, err := sys.ReadFile("/etc/hostname"); err == nil {
		f.Hostname = strings.ToLower(strings.TrimSpace(string(name)))
	}
	f.Certs, f.CertErr = readCerts(sys, linuxAddedCerts)
	return f, nil
}

// redirectTriggers: the hosts file and the added certificates' folder.
func redirectTriggers(host.System) []monitor.Trigger {
	return fileTriggers(linuxHosts, linuxAddedCerts+"/")
}
