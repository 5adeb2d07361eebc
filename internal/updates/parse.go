package updates

import (
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Pending is one package with a newer version available.
type Pending struct {
	Name     string
	From, To string
	Origin   string
	Security bool
}

// Report is what the package manager says about pending updates.
type Report struct {
	Manager string
	Pending []Pending
	// IndexTime is when the package index was last refreshed; zero when it
	// cannot be told.
	IndexTime time.Time
	// Auto is whether updates install (or at least download) by themselves;
	// nil when unknown. AutoHow names the mechanism.
	Auto    *bool
	AutoHow string
	// Notes are evidence about other sources (flatpak, snap).
	Notes []monitor.Evidence
	// Checked is when the pending list was computed.
	Checked time.Time
	// Local are the installed packages no archive offers (apt: installed
	// from a downloaded file, or left from a source since removed);
	// LocalErr says why they could not be listed, "" when they were.
	Local    []string `json:",omitempty"`
	LocalErr string   `json:",omitempty"`
}

// Security counts pending security updates.
func (u Report) Security() int {
	n := 0
	for _, p := range u.Pending {
		if p.Security {
			n++
		}
	}
	return n
}

// addAuto merges another way updates may happen by themselves: they do if
// any way is on, and are unknown only while no way is known.
func (u *Report) addAuto(on bool, how string) {
	if u.Auto != nil {
		on = on || *u.Auto
		how = u.AutoHow + "; " + how
	}
	u.Auto, u.AutoHow = &on, how
}

// Find returns the pending update of a package by name.
func (u Report) Find(name string) (Pending, bool) {
	for _, p := range u.Pending {
		if p.Name == name {
			return p, true
		}
	}
	return Pending{}, false
}

// parseInst reads a simulated install line:
// Inst bash [5.2.15-2+b8] (5.2.15-2+b13 Debian:12.15/oldstable [amd64])
// The bracketed current version is absent for new packages. origin runs to
// the last closing parenthesis, architecture and all.
func parseInst(line string) (name, from, to, origin string, ok bool) {
	rest, ok := strings.CutPrefix(line, "Inst ")
	if !ok {
		return
	}
	if name, rest, ok = strings.Cut(rest, " "); !ok || name == "" {
		return "", "", "", "", false
	}
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 || !strings.HasPrefix(rest[end+1:], " ") {
			return "", "", "", "", false
		}
		from, rest = rest[1:end], rest[end+2:]
	}
	end := strings.LastIndexByte(rest, ')')
	if !strings.HasPrefix(rest, "(") || end < 0 {
		return "", "", "", "", false
	}
	if to, origin, ok = strings.Cut(rest[1:end], " "); !ok || to == "" {
		return "", "", "", "", false
	}
	return name, from, to, origin, true
}

// parseAptSimulate reads `apt-get -s dist-upgrade` output. Only "Inst" lines
// count, and they are not translated, so localised output parses the same.
func parseAptSimulate(out []byte) ([]Pending, error) {
	var ups []Pending
	for line := range lines.All(out) {
		if !strings.HasPrefix(line, "Inst ") {
			continue
		}
		name, from, to, origin, ok := parseInst(line)
		if !ok {
			continue // a line we do not understand is not a pending update
		}
		if i := strings.LastIndex(origin, " ["); i >= 0 {
			origin = origin[:i]
		}
		ups = append(ups, Pending{
			Name: name, From: from, To: to, Origin: origin,
			Security: strings.Contains(strings.ToLower(origin), "-security"),
		})
	}
	return ups, nil
}

// parseAptConfig reads `apt-config dump` into key → value.
func parseAptConfig(out []byte) map[string]string {
	vals := map[string]string{}
	for line := range lines.All(out) {
		line = strings.TrimSpace(line)
		k, v, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		v = strings.TrimSuffix(strings.TrimSpace(v), ";")
		vals[k] = strings.Trim(v, `"`)
	}
	return vals
}

// aptPeriodicOn reads an APT::Periodic interval: "1", "7", "always" are on;
// "0", absent and garbage are off.
func aptPeriodicOn(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || v == "0" {
		return false
	}
	if v == "always" {
		return true
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return strings.HasSuffix(v, "d") || strings.HasSuffix(v, "h") || strings.HasSuffix(v, "m")
		}
	}
	return true
}

// parseDnfCheckUpdate reads `dnf check-update` (exit status 100 when updates
// exist): "name.arch  version  repo" lines, after an optional blank line;
// "Obsoleting Packages" ends the list.
func parseDnfCheckUpdate(out []byte) []Pending {
	var ups []Pending
	for line := range lines.All(out) {
		if strings.HasPrefix(line, "Obsoleting") {
			break
		}
		f := strings.Fields(line)
		if len(f) != 3 || !strings.Contains(f[0], ".") || strings.HasPrefix(line, " ") {
			continue
		}
		name := f[0][:strings.LastIndex(f[0], ".")]
		ups = append(ups, Pending{Name: name, To: f[1], Origin: f[2]})
	}
	return ups
}

// parseDnfSecurity reads `dnf updateinfo list --security`: "ID TYPE NEVRA";
// it returns the NEVRAs' package names.
func parseDnfSecurity(out []byte) map[string]bool {
	names := map[string]bool{}
	for line := range lines.All(out) {
		f := strings.Fields(line)
		if len(f) < 3 || !strings.Contains(strings.ToLower(f[1]), "sec") {
			continue
		}
		nevra := f[len(f)-1]
		// name-version-release.arch: drop the last two dash parts.
		if i := strings.LastIndex(nevra, "-"); i > 0 {
			if j := strings.LastIndex(nevra[:i], "-"); j > 0 {
				names[nevra[:j]] = true
			}
		}
	}
	return names
}

// parsePacmanQu reads `pacman -Qu`: "name old -> new".
func parsePacmanQu(out []byte) []Pending {
	var ups []Pending
	for line := range lines.All(out) {
		f := strings.Fields(line)
		if len(f) >= 4 && f[2] == "->" {
			ups = append(ups, Pending{Name: f[0], From: f[1], To: f[3]})
		}
	}
	return ups
}

// parseZypperList reads `zypper list-updates`: a table
// "S | Repository | Name | Current Version | Available Version | Arch".
func parseZypperList(out []byte) []Pending {
	var ups []Pending
	for line := range lines.All(out) {
		cols := strings.Split(line, "|")
		if len(cols) < 6 {
			continue
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if cols[0] != "v" {
			continue // header and separator rows
		}
		ups = append(ups, Pending{Name: cols[2], From: cols[3], To: cols[4], Origin: cols[1]})
	}
	return ups
}

// parseDpkgQuery reads "ii \tname\tversion" lines; only fully installed
// packages ("ii", "hi") count.
func parseDpkgQuery(out []byte) map[string]string {
	vals := map[string]string{}
	for line := range lines.All(out) {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		status := strings.TrimSpace(f[0])
		if len(status) >= 2 && status[1] == 'i' && f[2] != "" {
			vals[f[1]] = f[2]
		}
	}
	return vals
}

// parseRpmQuery reads "name\tversion-release" lines; "package x is not
// installed" lines do not match.
func parseRpmQuery(out []byte) map[string]string {
	vals := map[string]string{}
	for line := range lines.All(out) {
		f := strings.Split(line, "\t")
		if len(f) == 2 && !strings.Contains(f[0], " ") {
			vals[f[0]] = f[1]
		}
	}
	return vals
}

// parseAptPolicy reads `apt-cache policy PACKAGE…` (in the C locale) for
// the installed packages no archive offers: one version in the version
// table, known only from dpkg's status file. archives says whether any
// version came from an archive at all: without package lists (apt-get
// update never run), every package would look that way.
func parseAptPolicy(out []byte) (local []string, archives bool) {
	const status = "/var/lib/dpkg/status"
	var pkg string
	versions, installed, onlyStatus := 0, false, true
	flush := func() {
		if pkg != "" && versions == 1 && installed && onlyStatus {
			local = append(local, pkg)
		}
	}
	for line := range lines.All(out) {
		switch {
		case line == "":
		case line[0] != ' ' && strings.HasSuffix(line, ":"):
			flush()
			pkg, versions, installed, onlyStatus = strings.TrimSuffix(line, ":"), 0, false, true
		case strings.HasPrefix(line, " *** "):
			versions++
			installed = true
		case strings.HasPrefix(line, "        "): // a version's source: priority, then where
			_, where, _ := strings.Cut(strings.TrimSpace(line), " ")
			if where != status {
				onlyStatus, archives = false, true
			}
		case strings.HasPrefix(line, "     "): // another version
			versions++
		}
	}
	flush()
	return local, archives
}
