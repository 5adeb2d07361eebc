package check

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// windowsProducts are the products as matchProducts looks for them on
// Windows: by their services' program names, in lower case (Windows names
// files without regard to case).
func windowsProducts(products []catalog.Antivirus) []catalog.Antivirus {
	var out []catalog.Antivirus
	for _, p := range products {
		if len(p.Windows) == 0 {
			continue
		}
		w := p
		w.Procs = nil
		for _, n := range p.Windows {
			w.Procs = append(w.Procs, strings.ToLower(n))
		}
		out = append(out, w)
	}
	return out
}

// lowerProcesses lower-cases the names a process is matched by.
func lowerProcesses(procs []host.Process) []host.Process {
	out := make([]host.Process, len(procs))
	for i, p := range procs {
		p.Name, p.Args0, p.Exe = strings.ToLower(p.Name), strings.ToLower(p.Args0), strings.ToLower(p.Exe)
		out[i] = p
	}
	return out
}

// believableOnWindows reports whether a process named like a product can be
// taken for it: its program must be the product's and lie in a folder only
// administrators can write (Program Files, Windows, Defender's platform
// folder; dirs, in lower case). Anyone can run a copy of a program called
// MsMpEng.exe from their Downloads.
func believableOnWindows(exe string, product catalog.Antivirus, dirs []string) (bool, string) {
	exe = strings.ToLower(strings.ReplaceAll(exe, "/", `\`))
	if exe == "" {
		return false, "its program file cannot be seen"
	}
	name := baseName(exe)
	known := false
	for _, n := range product.Procs { // lower case, from windowsProducts
		known = known || n == name
	}
	if !known {
		return false, "its program file is not the product's"
	}
	if strings.Contains(exe, `\..\`) {
		return false, "its program path is not plain"
	}
	for _, d := range dirs {
		if d != "" && strings.HasPrefix(exe, strings.TrimSuffix(d, `\`)+`\`) {
			return true, ""
		}
	}
	return false, "its program is not in a folder only administrators can change"
}

// The registry values that turn Defender's real-time protection off: its
// own setting and the Group Policy.
var defenderRealtimeKeys = []string{
	`HKLM\SOFTWARE\Microsoft\Windows Defender\Real-Time Protection`,
	`HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Real-Time Protection`,
}

// defenderRealtimeOff reports whether Defender's real-time protection is
// turned off: it then runs without protecting.
func defenderRealtimeOff(reg host.Registry) (bool, error) {
	if reg == nil {
		return false, nil
	}
	for _, key := range defenderRealtimeKeys {
		v, err := reg.Uint(key, "DisableRealtimeMonitoring")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return false, err
		}
		if v != 0 {
			return true, nil
		}
	}
	return false, nil
}

// defenderSignatures is where Defender records its definitions, readable
// by every user.
const defenderSignatures = `HKLM\SOFTWARE\Microsoft\Windows Defender\Signature Updates`

// defenderDefinitions dates Defender's definitions: AVSignatureApplied is
// when the definitions in use were made, a FILETIME in eight bytes.
func defenderDefinitions(reg host.Registry) avDefinitions {
	d := avDefinitions{Product: "defender", SourceKey: "defender-signatures", Source: defenderSignatures}
	if reg == nil {
		d.Err = errors.New("no registry on this system")
		return d
	}
	b, err := reg.Binary(defenderSignatures, "AVSignatureApplied")
	if err != nil {
		d.Err = err
		return d
	}
	d.Built, d.Err = fileTime(b)
	return d
}

// fileTime decodes a FILETIME as the registry stores it: 100-nanosecond
// intervals since 1601, little-endian.
func fileTime(b []byte) (time.Time, error) {
	if len(b) != 8 {
		return time.Time{}, fmt.Errorf("a FILETIME of %d bytes", len(b))
	}
	n := binary.LittleEndian.Uint64(b)
	// From 1601 to 1970, in the same units.
	const unixEpoch = 116444736000000000
	if n <= unixEpoch || n >= unixEpoch+uint64(1<<63-1)/100 {
		return time.Time{}, fmt.Errorf("a FILETIME out of range (%d)", n)
	}
	return time.Unix(0, int64(n-unixEpoch)*100).UTC(), nil
}

// wscProduct is an antivirus product as Windows Security Center lists it
// (WMI root\SecurityCenter2, AntiVirusProduct).
type wscProduct struct {
	DisplayName  string
	ProductState uint32
}

// wscState decodes productState. Microsoft does not document it; every
// reader of it (and each recorded value in antivirus_win_test.go) agrees:
// the second byte is the real-time scanner (0x10 and 0x11 mean on; 0x00
// and 0x01 off), the low byte the definitions (0x00 up to date, 0x10 out of
// date).
func wscState(state uint32) (on, current bool) {
	scanner, defs := (state>>8)&0xff, state&0xff
	return scanner&0x10 != 0, defs&0x10 == 0
}

// fromSecurityCenter makes the facts from Security Center's list, which
// knows every registered product and its state better than the process
// list can: only administrators' installers register products there. It
// returns false when the list is empty (the caller keeps what the
// processes said).
func fromSecurityCenter(f *avFacts, products []wscProduct, catalogue []catalog.Antivirus) bool {
	if len(products) == 0 {
		return false
	}
	f.Found, f.Stale = nil, nil
	for _, p := range products {
		name := monitor.Cut(p.DisplayName, 60)
		on, current := wscState(p.ProductState)
		state := fmt.Sprintf("%s: off (productState 0x%06x)", name, p.ProductState)
		switch {
		case on && current:
			state = fmt.Sprintf("%s: on, definitions up to date (productState 0x%06x)", name, p.ProductState)
		case on:
			state = fmt.Sprintf("%s: on, definitions out of date (productState 0x%06x)", name, p.ProductState)
		}
		f.Center = append(f.Center, state)
		if !on {
			continue
		}
		product := catalog.Antivirus{ID: "wsc", Name: name}
		for _, c := range catalogue {
			if c.ID == "defender" && strings.Contains(strings.ToLower(p.DisplayName), "defender") ||
				strings.Contains(strings.ToLower(p.DisplayName), strings.ToLower(c.Name)) {
				product.ID = c.ID
				break
			}
		}
		f.Found = append(f.Found, avMatch{product: product, proc: "Windows Security Center"})
		if !current {
			f.Stale = append(f.Stale, name)
		}
	}
	return true
}

// serviceStatus is what the service manager says of a service
// (QueryServiceStatusEx's SERVICE_STATUS_PROCESS): its state and process,
// or why it could not be asked.
type serviceStatus struct {
	Name       string
	State, PID uint32 // dwCurrentState, dwProcessId
	Err        error
}

// serviceRunning is SERVICE_RUNNING.
const serviceRunning = 4

// defenderService is Microsoft Defender's antivirus service.
const defenderService = "WinDefend"

// unconfirmedDefender says whether Defender was seen running though its
// program could not be confirmed: its service running by the service
// manager's word, or a process named MsMpEng.exe whose program path
// Windows would not show (Defender's engine is a protected process, and a
// normal user cannot read its path). Seen is what was seen, as evidence.
// A process of that name whose path can be read is believableOnWindows's
// to judge, not this.
func unconfirmedDefender(products []catalog.Antivirus, procs []host.Process, service serviceStatus) (unconfirmed, seen []string) {
	var defender *catalog.Antivirus
	for i, p := range products {
		if p.ID == "defender" {
			defender = &products[i]
		}
	}
	if defender == nil {
		return nil, nil
	}
	if service.Err == nil && service.State == serviceRunning {
		seen = append(seen, fmt.Sprintf("%s: service %s: running (pid %d)", defender.Name, service.Name, service.PID))
	}
	for _, p := range procs {
		if p.Exe != "" {
			continue
		}
		for _, n := range defender.Windows {
			if strings.EqualFold(p.Name, n) {
				seen = append(seen, fmt.Sprintf("%s (pid %d): its program path cannot be read", monitor.Cut(p.Name, 40), p.PID))
			}
		}
	}
	if len(seen) == 0 {
		return nil, nil
	}
	if service.Err != nil {
		seen = append(seen, fmt.Sprintf("service %s: could not be asked: %v", service.Name, service.Err))
	}
	return []string{defender.Name}, seen
}
