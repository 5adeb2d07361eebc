package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
)

// parseTrustSettings reads `security dump-trust-settings [-d]`
// (security(1)): the certificates given trust settings in the person's
// (or, with -d, the administrator's) domain, each as
//
//	Cert 0: mitmproxy
//	   Number of trust settings : 1
//	   Trust Setting 0:
//	      Result Type           : kSecTrustSettingsResultTrustRoot
//
// A certificate whose every setting is kSecTrustSettingsResultDeny is
// distrusted, not added; one with no setting at all is trusted for
// everything. With none, security prints "SecTrustSettingsCopyCertificates:
// No Trust Settings were found." and exits 1. Not localised.
func parseTrustSettings(out []byte, domain string) ([]addedCert, error) {
	type cert struct {
		name          string
		trust, denied bool
		settings      int
	}
	var certs []cert
	for _, line := range strings.Split(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "Cert ") {
			if _, name, ok := strings.Cut(t, ": "); ok {
				certs = append(certs, cert{name: name})
			}
			continue
		}
		if len(certs) == 0 {
			continue
		}
		c := &certs[len(certs)-1]
		if k, v, ok := strings.Cut(t, ":"); ok {
			switch strings.TrimSpace(k) {
			case "Result Type":
				c.settings++
				if strings.Contains(v, "Deny") {
					c.denied = true
				} else {
					c.trust = true
				}
			}
		}
	}
	if certs == nil && !strings.Contains(string(out), "Number of trust settings") {
		if strings.TrimSpace(string(out)) == "" {
			return nil, errors.New("security dump-trust-settings printed nothing")
		}
		return nil, fmt.Errorf("security dump-trust-settings: unexpected answer %q", firstLine(out))
	}
	var added []addedCert
	for _, c := range certs {
		if c.denied && !c.trust {
			continue
		}
		added = append(added, addedCert{File: domain + " trust settings", Subject: c.name, CN: c.name})
	}
	return added, nil
}

// noTrustSettings says whether security ran and found none.
func noTrustSettings(err error) bool {
	var exit *command.ExitError
	return errors.As(err, &exit) && strings.Contains(exit.Stderr+string(exit.Stdout), "No Trust Settings were found")
}

// readMacRedirects reads /etc/hosts and the roots the person and the
// administrator gave trust to in the keychains (the roots Apple ships
// carry no trust settings and are not listed).
func readMacRedirects(ctx context.Context, sys host.System) (redirectFacts, error) {
	f := redirectFacts{HostsFile: "/etc/hosts", CertDir: "the keychains' trust settings (login and System)"}
	data, err := readLimited(sys, "/etc/hosts", maxHosts)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return f, fmt.Errorf("reading /etc/hosts: %w", err)
	}
	f.Entries = parseHosts(data)
	for _, d := range []struct{ domain, flag string }{{"login keychain (user)", ""}, {"System (admin)", "-d"}} {
		args := []string{"dump-trust-settings"}
		if d.flag != "" {
			args = append(args, d.flag)
		}
		out, err := sys.Cmd.Run(ctx, command.Security, args...)
		if noTrustSettings(err) {
			continue
		}
		if err != nil {
			f.CertErr = errors.Join(f.CertErr, fmt.Errorf("security %s: %w", strings.Join(args, " "), err))
			continue
		}
		certs, err := parseTrustSettings(out, d.domain)
		f.Certs, f.CertErr = append(f.Certs, certs...), errors.Join(f.CertErr, err)
	}
	// Firefox keeps its own.
	certs, err := readNSSRoots(firefoxNSS(macBrowserDirs(sys)))
	f.Certs, f.CertErr = append(f.Certs, certs...), errors.Join(f.CertErr, err)
	return f, nil
}
