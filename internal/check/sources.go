package check

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

// AppSources checks where software comes from (ADVICE topic 3): package
// sources beyond the distribution's own archives install and update
// programs as root, on their publisher's word alone; on Windows,
// SmartScreen turned off lets any downloaded program run unchecked.
type AppSources struct {
	Sys host.System
	// Updates is the package manager's shared answer, which lists the
	// installed packages no archive offers; nil reads the sources only.
	Updates *updates.Cache
}

// Spec: "app-sources", with time for the package manager, re-run when what
// its answer depends on (the sources among it) has changed and settled.
func (c *AppSources) Spec() monitor.Spec {
	return monitor.Spec{ID: "app-sources", Timeout: packageTimeout, Settle: packageSettle, Triggers: sourcesTriggers(c.Sys)}
}

// aptSource is one enabled "deb" source.
type aptSource struct {
	File, URI, Suite string
}

// sourcesFacts is what the readers found.
type sourcesFacts struct {
	Sources []aptSource
	// SmartScreenOff says where Windows' SmartScreen is turned off; ""
	// when it is on (or not Windows).
	SmartScreenOff string
	Windows        bool
	// Gatekeeper is macOS's check of downloaded apps (spctl --status):
	// nil where it is not macOS.
	Gatekeeper *bool
	// Local are the installed packages no archive offers (installed from
	// a downloaded file, or left from a source since removed); LocalErr
	// says why they could not be listed.
	Local    []string
	LocalErr error
}

// Run reads the package sources (or SmartScreen's setting).
func (c *AppSources) Run(ctx context.Context) monitor.Result {
	f, err := readSources(ctx, c.Sys, c.Updates)
	if err != nil {
		return unknown("app-sources", err)
	}
	r := judgeSources(f)
	if runtime.GOOS == "linux" {
		r = withoutStoreApp(r, c.Sys)
	}
	return r
}

// officialHosts are the distributions' own archives and their mirrors'
// names: a host under one of these is the distribution's.
var officialHosts = []string{"debian.org", "ubuntu.com", "linuxmint.com", "raspberrypi.com", "raspberrypi.org", "pop-os.org"}

// officialSource reports whether uri is a distribution archive. PPAs live
// on launchpad too, but under ppa.launchpad(content).net: those are
// third-party.
func officialSource(uri string) bool {
	if strings.HasPrefix(uri, "cdrom:") || strings.HasPrefix(uri, "file:") {
		return true // the installation medium
	}
	u, err := url.Parse(uri)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	if strings.HasPrefix(h, "ppa.") {
		return false
	}
	for _, o := range officialHosts {
		if h == o || strings.HasSuffix(h, "."+o) {
			return true
		}
	}
	return false
}

// judgeSources: a source outside the distribution's archives, or
// SmartScreen off, is a warning, each listed with what it is.
func judgeSources(f sourcesFacts) monitor.Result {
	r := monitor.Result{Status: monitor.OK, Advice: "app-sources", Finding: monitor.T("finding.app-sources.ok")}
	if f.Windows {
		r.Advice = "app-sources.windows"
		if f.SmartScreenOff != "" {
			r.Status = monitor.Warn
			r.Finding = monitor.T("finding.app-sources.smartscreen-off")
			r.Add("smartscreen", "off ("+f.SmartScreenOff+")")
		} else {
			r.Finding = monitor.T("finding.app-sources.smartscreen-on")
		}
		return r
	}
	if f.Gatekeeper != nil {
		return judgeGatekeeper(r, *f.Gatekeeper)
	}
	var third []string
	seen := map[string]bool{}
	for _, s := range f.Sources {
		line := fmt.Sprintf("%s %s (%s)", monitor.Cut(s.URI, 120), monitor.Cut(s.Suite, 40), monitor.Cut(s.File, 120))
		if officialSource(s.URI) {
			r.Add("official", line)
			continue
		}
		r.Add("third-party", line)
		host := s.URI
		if u, err := url.Parse(s.URI); err == nil && u.Host != "" {
			host = u.Host
		}
		if !seen[host] {
			seen[host] = true
			third = append(third, monitor.Cut(host, 60))
		}
	}
	var local []string
	for _, p := range f.Local {
		local = append(local, monitor.Cut(p, 60))
		r.Add("not-from-an-archive", monitor.Cut(p, 60))
	}
	switch {
	case len(third) > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.app-sources.third-party", "Names", third, "Count", len(third))
	case len(local) > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.app-sources.local", "Names", local, "Count", len(local))
	case f.LocalErr != nil:
		// The sources were read, the packages were not: "only from the
		// distribution" cannot be said.
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.app-sources.packages-unknown")
		r.Add("reason", f.LocalErr.Error())
	}
	return r
}

// parseSourcesList reads one-line sources ("deb [options] uri suite
// components…"); deb-src lines build nothing and are skipped.
func parseSourcesList(file string, data []byte) []aptSource {
	var out []aptSource
	for text := range lines.All(data) {
		line, _, _ := strings.Cut(text, "#")
		f := strings.Fields(line)
		if len(f) < 3 || f[0] != "deb" {
			continue
		}
		rest := f[1:]
		if strings.HasPrefix(rest[0], "[") {
			for len(rest) > 0 && !strings.HasSuffix(rest[0], "]") {
				rest = rest[1:]
			}
			if len(rest) == 0 {
				continue
			}
			rest = rest[1:]
		}
		if len(rest) < 2 {
			continue
		}
		out = append(out, aptSource{File: file, URI: rest[0], Suite: rest[1]})
	}
	return out
}

// parseDeb822 reads .sources files: stanzas of "Field: value" separated by
// blank lines; Enabled: no turns a stanza off; only Types with deb count.
func parseDeb822(file string, data []byte) []aptSource {
	var out []aptSource
	flush := func(st map[string]string) {
		if !strings.Contains(" "+st["types"]+" ", " deb ") || strings.EqualFold(strings.TrimSpace(st["enabled"]), "no") {
			return
		}
		suites := strings.Fields(st["suites"])
		if len(suites) == 0 {
			suites = []string{""}
		}
		for _, uri := range strings.Fields(st["uris"]) {
			out = append(out, aptSource{File: file, URI: uri, Suite: suites[0]})
		}
	}
	st := map[string]string{}
	last := ""
	for line := range lines.All(data) {
		switch {
		case strings.TrimSpace(line) == "":
			flush(st)
			st, last = map[string]string{}, ""
		case strings.HasPrefix(line, "#"):
		case line[0] == ' ' || line[0] == '\t':
			if last != "" {
				st[last] += " " + strings.TrimSpace(line)
			}
		default:
			k, v, ok := strings.Cut(line, ":")
			if ok {
				last = strings.ToLower(strings.TrimSpace(k))
				st[last] = strings.TrimSpace(v)
			}
		}
	}
	flush(st)
	return out
}
