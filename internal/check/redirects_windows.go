package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// windowsHosts is System32\drivers\etc\hosts, from Windows' own idea of
// its system folder (not %SystemRoot%, which anyone can set).
func windowsHosts() (string, error) {
	dir, err := windows.GetSystemDirectory()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "drivers", "etc", "hosts"), nil
}

// readRedirects reads the hosts file and the root certificates added to
// Windows' stores (windowsRootStores).
func readRedirects(sys host.System) (redirectFacts, error) {
	path, err := windowsHosts()
	if err != nil {
		return redirectFacts{}, err
	}
	f := redirectFacts{HostsFile: path}
	if sys.Registry != nil {
		f.CertDir = `SystemCertificates\Root (registry: the person's, the machine's, policies')`
		f.Certs, f.CertErr = windowsAddedRoots(sys.Registry)
	}
	// Firefox keeps its own (it also trusts the roots Windows was given).
	certs, err := readNSSRoots(firefoxNSS(browserDirs(sys)))
	f.Certs, f.CertErr = append(f.Certs, certs...), errors.Join(f.CertErr, err)
	// The system folder is on its own drive: read it directly, not
	// through sys.FS (rooted at "/").
	var data []byte
	file, err := os.Open(path)
	if err == nil {
		data, err = readAllLimited(file, path, maxHosts)
		file.Close()
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return f, fmt.Errorf("reading %s: %w", path, err)
	}
	f.Entries = parseHosts(data)
	return f, nil
}

// redirectTriggers: the hosts file, and the person's and the machine's
// root stores, which every Windows has and where a program adds a root.
// The policy and enterprise stores are re-read on the interval: on a home
// PC their keys are often missing, and a missing key is watched from its
// nearest ancestor, which may be as busy as HKLM\SOFTWARE\Microsoft.
func redirectTriggers(host.System) []monitor.Trigger {
	var out []monitor.Trigger
	if path, err := windowsHosts(); err == nil {
		out = fileTriggers(path)
	}
	return append(out, registryTriggers(windowsRootStores[0]+`\`, windowsRootStores[1]+`\`)...)
}
