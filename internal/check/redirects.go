package check

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/netip"
	"path"
	"runtime"
	"slices"
	"strings"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// SiteRedirects checks two ways a program or a person can quietly send
// the browser somewhere else (ADVICE topic 19): the hosts file, which
// overrides DNS for the names in it, and root certificates added beyond
// the system's own, which let whoever holds their key read and change
// encrypted traffic.
type SiteRedirects struct {
	Sys   host.System
	Sites catalog.Sites
	// SecurityRoots are the roots security products add; Products the
	// antivirus catalogue, to tell whether such a product's program runs.
	SecurityRoots []catalog.SecurityRoot
	Products      []catalog.Antivirus
	// AllowedRoots (SHA-256 fingerprints, lower-case hex) and
	// AllowedHosts (names) are what an organisation added on purpose
	// (internal/policy), read at each run: listed, not judged. Nil: none.
	AllowedRoots, AllowedHosts func() []string
}

// Spec: "site-redirects", re-run when the hosts file or the added
// certificates change.
func (c *SiteRedirects) Spec() monitor.Spec {
	return monitor.Spec{ID: "site-redirects", Triggers: redirectTriggers(c.Sys)}
}

// hostsEntry is one name a hosts file maps to an address.
type hostsEntry struct {
	Address netip.Addr
	Name    string
}

// addedCert is a root certificate added to the system's trust.
type addedCert struct {
	File, Subject string
	// CN and Org are the subject's common name and organisation, as the
	// certificate has them (not cut): matched against SecurityRoots.
	CN, Org string
	// SHA256 is the fingerprint of the certificate (lower-case hex); ""
	// when the file is not one.
	SHA256 string
}

// redirectFacts is what the readers found.
type redirectFacts struct {
	HostsFile string
	Entries   []hostsEntry
	Hostname  string // the machine's own name, which Debian maps to 127.0.1.1
	CertDir   string // where added certificates are looked for; "" not read
	Certs     []addedCert
	CertErr   error // the certificates could not be listed
	// Security are the added roots that belong to a security product,
	// by index in Certs; Running, the products whose program was seen
	// running.
	Security map[int]catalog.SecurityRoot
	Running  map[string]bool
	// AllowedRoots and AllowedHosts are the organisation's (policy).
	AllowedRoots, AllowedHosts []string
}

// Run reads the hosts file and the added certificates.
func (c *SiteRedirects) Run(ctx context.Context) monitor.Result {
	f, err := readRedirects(c.Sys)
	if err != nil {
		return unknown("site-redirects", err)
	}
	if c.AllowedRoots != nil {
		f.AllowedRoots = c.AllowedRoots()
	}
	if c.AllowedHosts != nil {
		f.AllowedHosts = c.AllowedHosts()
	}
	f.Security = securityRoots(f.Certs, c.SecurityRoots)
	if len(f.Security) > 0 {
		f.Running = c.runningProducts(ctx)
	}
	return judgeRedirects(f, c.Sites)
}

// securityRoots finds the added roots that belong to a security product:
// a common name that starts with one of the product's names, or an
// organisation that is one of its own.
func securityRoots(certs []addedCert, roots []catalog.SecurityRoot) map[int]catalog.SecurityRoot {
	out := map[int]catalog.SecurityRoot{}
	for i, c := range certs {
	roots:
		for _, r := range roots {
			for _, n := range r.Names {
				if c.CN != "" && len(c.CN) >= len(n) && strings.EqualFold(c.CN[:len(n)], n) {
					out[i] = r
					break roots
				}
			}
			for _, o := range r.Orgs {
				if c.Org != "" && strings.EqualFold(strings.TrimSpace(c.Org), o) {
					out[i] = r
					break roots
				}
			}
		}
	}
	return out
}

// runningProducts lists the antivirus catalogue's products whose program
// runs, by ID. Unlike the antivirus check, it believes a process by its
// name: it only says whose root a certificate is likely to be, and no
// verdict rests on it. nil when the processes cannot be listed.
func (c *SiteRedirects) runningProducts(ctx context.Context) map[string]bool {
	if c.Sys.Procs == nil || len(c.Products) == 0 {
		return nil
	}
	procs, err := c.Sys.Procs.Processes(ctx)
	if err != nil {
		return nil
	}
	products := c.Products
	if runtime.GOOS == "windows" {
		products, procs = windowsProducts(products), lowerProcesses(procs)
	}
	found, _ := matchProducts(products, procs, nil)
	out := map[string]bool{}
	for _, m := range found {
		out[m.product.ID] = true
	}
	return out
}

// maxHosts bounds the hosts file read: ad-blocking lists reach a few MB.
const maxHosts = 16 << 20

// parseHosts reads a hosts file as Windows has it: an address, then
// names, "#" to the end of a line a comment; names compared without case
// or a trailing dot. Lines that are not that are skipped. (Linux reads it
// with glibc's rules: parseHostsGlibc.)
func parseHosts(data []byte) []hostsEntry {
	var out []hostsEntry
	for text := range lines.All(data) {
		line, _, _ := strings.Cut(text, "#")
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		addr, err := netip.ParseAddr(fields[0])
		if err != nil {
			continue
		}
		for _, name := range fields[1:] {
			// A lone "." (the root) names nothing a browser asks for.
			if name = strings.ToLower(strings.TrimSuffix(name, ".")); name != "" {
				out = append(out, hostsEntry{Address: addr.Unmap(), Name: name})
			}
		}
	}
	return out
}

// parseHostsGlibc reads /etc/hosts as glibc's files backend does, so that
// a name is judged as the system's resolver will answer for it (glibc
// 2.36's nss/nss_readline.c, nss/nss_files/files-parse.c and
// files-hosts.c):
//   - a line is what fgets reads, and then a C string: a NUL ends it;
//   - leading blanks are skipped, and a line that is then empty or starts
//     with "#" is skipped (__nss_readline);
//   - "#" anywhere ends the line (LINE_PARSER's strpbrk (line, "#\n"));
//   - fields are split on isspace: space, \t, \n, \v, \f, \r, nothing
//     else (no U+3000, no U+00A0: in the C and UTF-8 locales no byte
//     above 0x7f is a space);
//   - the address is what inet_pton reads: no zone ("fe80::1%eth0"), or
//     the line is ignored;
//   - names are matched with __strcasecmp: ASCII letters without case,
//     nothing else folded (the Kelvin sign is not "k"), and a trailing dot
//     is part of the name ("bank.co.jp." is not looked up for
//     "bank.co.jp").
//
// One quirk is version-dependent: after skipping k leading blanks,
// __nss_readline moves the line with memmove (buf, p, strlen (p)), which
// leaves the line's last k bytes after it when no newline ends the C
// string (a NUL in the line, or a last line without one). glibc 2.36
// then reads "  A bank.co.jp<NUL>" as "A bank.co.jpjp". Both readings are
// listed, so a redirect is not missed whichever glibc reads the file.
func parseHostsGlibc(data []byte) []hostsEntry {
	var out []hostsEntry
	seen := map[hostsEntry]bool{}
	text := string(data)
	terminated := strings.Count(text, "\n")
	n := 0
	for line := range lines.All(text) {
		n++
		if n > terminated {
			// The last line, without a newline: as fgets leaves it
			// (lines.All drops a final CR, which here is a blank the
			// quirk can append).
			line = text[strings.LastIndexByte(text, '\n')+1:]
		}
		cstr, _, hasNUL := strings.Cut(line, "\x00")
		k := 0
		for k < len(cstr) && cSpace(cstr[k]) {
			k++
		}
		rest := cstr[k:]
		if rest == "" || rest[0] == '#' {
			continue
		}
		readings := []string{rest}
		if k > 0 && (hasNUL || n > terminated) {
			readings = append(readings, rest+cstr[len(cstr)-k:])
		}
		for _, r := range readings {
			for _, e := range glibcHostsLine(r) {
				if !seen[e] {
					seen[e] = true
					out = append(out, e)
				}
			}
		}
	}
	return out
}

// glibcHostsLine reads one line's address and names (files-hosts.c's
// LINE_PARSER).
func glibcHostsLine(line string) []hostsEntry {
	line, _, _ = strings.Cut(line, "#")
	fields := strings.FieldsFunc(line, func(r rune) bool { return r < 0x80 && cSpace(byte(r)) })
	if len(fields) < 2 {
		return nil
	}
	addr, err := netip.ParseAddr(fields[0])
	if err != nil || addr.Zone() != "" {
		return nil
	}
	var out []hostsEntry
	for _, name := range fields[1:] {
		// A lone "." (the root) names nothing a browser asks for.
		if name != "." {
			out = append(out, hostsEntry{Address: addr.Unmap(), Name: asciiLower(name)})
		}
	}
	return out
}

// cSpace is C's isspace in the C and UTF-8 locales.
func cSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// asciiLower folds ASCII letters only, as __strcasecmp compares them.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// localNames are the names hosts files map for the machine itself.
var localNames = map[string]bool{
	"localhost": true, "localhost.localdomain": true, "localhost4": true, "localhost6": true,
	"localhost4.localdomain4": true, "localhost6.localdomain6": true, "ip6-localhost": true,
	"ip6-loopback": true, "ip6-allnodes": true, "ip6-allrouters": true, "ip6-localnet": true,
	"ip6-mcastprefix": true, "broadcasthost": true,
}

// matchSite reports the catalogue entry name falls under, or "".
func matchSite(name string, sites []string) string {
	for _, s := range sites {
		if name == s || strings.HasSuffix(name, "."+s) {
			return s
		}
	}
	return ""
}

// judgeRedirects: a finance site sent anywhere is critical (a fake bank
// page with a real address bar); another well-known site sent to a real
// address, any other name sent to a real address, or an added root
// certificate is a warning. Names sent to the machine itself or to
// 0.0.0.0 (blocking, as ad blockers do) are listed, not judged.
func judgeRedirects(f redirectFacts, sites catalog.Sites) monitor.Result {
	r := monitor.Result{Status: monitor.OK, Advice: "site-redirects", Finding: monitor.T("finding.site-redirects.ok")}
	if f.CertDir == "" {
		// The system's certificate stores are not read here: say only
		// what was looked at.
		r.Finding = monitor.T("finding.site-redirects.ok-hosts")
	}
	r.Add("hosts-file", f.HostsFile)
	var finance, redirected, blocked []string
	for _, e := range f.Entries {
		if localNames[e.Name] || (f.Hostname != "" && (e.Name == f.Hostname || strings.HasPrefix(e.Name, f.Hostname+"."))) {
			continue
		}
		shown := monitor.Cut(e.Name, 80) + " → " + e.Address.String()
		nowhere := e.Address.IsLoopback() || e.Address.IsUnspecified()
		switch {
		case slices.Contains(f.AllowedHosts, asciiLower(e.Name)):
			r.Add("allowed-by-policy", shown)
		case matchSite(e.Name, sites.Finance) != "":
			finance = append(finance, monitor.Cut(e.Name, 80))
			r.Add("redirected", shown)
		case nowhere:
			blocked = append(blocked, shown)
		default:
			redirected = append(redirected, monitor.Cut(e.Name, 80))
			r.Add("redirected", shown)
		}
	}
	if len(blocked) > 0 {
		r.Add("blocked", fmt.Sprintf("%d names sent nowhere (0.0.0.0 or this machine), as ad blockers do", len(blocked)))
	}
	if f.CertDir != "" {
		r.Add("certificates-added-in", f.CertDir)
	}
	var certs, security, running []string
	for i, c := range f.Certs {
		if c.SHA256 != "" && slices.Contains(f.AllowedRoots, c.SHA256) {
			r.Add("root-allowed-by-policy", c.Subject+" ("+c.File+")")
			continue
		}
		if s, ok := f.Security[i]; ok {
			// A security product's own: listed, not judged.
			state := "its program was not seen running"
			if f.Running[s.Antivirus] {
				state = "its program runs"
				running = appendOnce(running, s.Product)
			}
			security = appendOnce(security, s.Product)
			r.Add("security-software-root", c.Subject+" ("+c.File+"): "+s.Product+", "+state)
			continue
		}
		certs = append(certs, c.Subject)
		r.Add("root-certificate", c.Subject+" ("+c.File+")")
	}
	switch {
	case len(finance) > 0:
		r.Status, r.Advice = monitor.Critical, "site-redirects.hosts"
		r.Finding = monitor.T("finding.site-redirects.finance", "Names", finance, "Count", len(finance))
	case len(redirected) > 0:
		r.Status, r.Advice = monitor.Warn, "site-redirects.hosts"
		r.Finding = monitor.T("finding.site-redirects.hosts", "Names", redirected, "Count", len(redirected))
	case len(certs) > 0:
		r.Status, r.Advice = monitor.Warn, "site-redirects.certificates"
		r.Finding = monitor.T("finding.site-redirects.certificates", "Names", certs, "Count", len(certs))
	case f.CertErr != nil:
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.site-redirects.certificates-unknown")
		r.Add("reason", f.CertErr.Error())
		return r
	case len(security) > 0 && len(running) == len(security):
		r.Finding = monitor.T("finding.site-redirects.security-roots", "Names", security, "Count", len(security))
	case len(security) > 0:
		r.Finding = monitor.T("finding.site-redirects.security-roots-not-running", "Names", security, "Count", len(security))
	}
	// A worse verdict stands, but what was not read is said.
	if f.CertErr != nil {
		r.Add("not-read", f.CertErr.Error())
	}
	return r
}

// appendOnce appends s unless list has it.
func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// readCerts reads the certificates in dir (*.crt, one level of
// subdirectories, as update-ca-certificates takes them).
func readCerts(sys host.System, dir string) ([]addedCert, error) {
	entries, err := sys.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var out []addedCert
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		if e.IsDir() {
			sub, err := sys.ReadDir(p)
			if err != nil {
				return nil, err
			}
			for _, s := range sub {
				if !s.IsDir() && strings.HasSuffix(s.Name(), ".crt") {
					out = append(out, readCert(sys, path.Join(p, s.Name())))
				}
			}
			continue
		}
		if strings.HasSuffix(e.Name(), ".crt") {
			out = append(out, readCert(sys, p))
		}
	}
	return out, nil
}

// readCert names a certificate file by its subject; a file that is not a
// certificate is named by its path.
func readCert(sys host.System, file string) addedCert {
	c := addedCert{File: monitor.Cut(file, 120), Subject: monitor.Cut(path.Base(file), 80)}
	data, err := sys.ReadFile(file)
	if err != nil {
		return c
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return c
	}
	if name := certSubjectName(block.Bytes); name != "" {
		c.Subject = monitor.Cut(name, 80)
	}
	c.CN, c.Org = certSubject(block.Bytes)
	sum := sha256.Sum256(block.Bytes)
	c.SHA256 = hex.EncodeToString(sum[:])
	return c
}

// readLimited reads a file through sys, failing beyond max bytes.
func readLimited(sys host.System, abs string, max int64) ([]byte, error) {
	f, err := sys.FS.Open(host.Rel(abs))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAllLimited(f, abs, max)
}

func readAllLimited(f io.Reader, abs string, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is larger than %d MB", abs, max>>20)
	}
	return data, nil
}
