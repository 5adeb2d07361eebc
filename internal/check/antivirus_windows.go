package check

import (
	"context"
	"fmt"
	"strings"
	"unsafe"

	"github.com/yusufpapurcu/wmi"
	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readAntivirus lists processes and matches their programs against the
// catalogue's Windows names, believing only programs in folders only
// administrators can write. Defender with its real-time protection turned
// off does not count. Where Windows Security Center answers (WMI, which
// Wine lacks), its list of registered products and their state decides
// instead. When Defender runs, its definitions are dated from the
// registry.
func readAntivirus(ctx context.Context, sys host.System, products []catalog.Antivirus) (avFacts, error) {
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return avFacts{}, err
	}
	dirs := adminFolders()
	f := avFacts{Scanned: len(procs), Windows: true}
	f.Found, f.Ignored = matchProducts(windowsProducts(products), lowerProcesses(procs), func(p host.Process, product catalog.Antivirus) (bool, string) {
		return believableOnWindows(p.Exe, product, dirs)
	})
	off, err := defenderRealtimeOff(sys.Registry)
	if err != nil {
		return avFacts{}, err
	}
	if off {
		kept := f.Found[:0]
		for _, m := range f.Found {
			if m.product.ID == "defender" {
				f.Ignored = append(f.Ignored, "Microsoft Defender: real-time protection is turned off")
				f.RealtimeOff = append(f.RealtimeOff, m.product.Name)
				continue
			}
			kept = append(kept, m)
		}
		f.Found = kept
	}
	answered := false
	switch center, err := securityCenter(ctx); {
	case err != nil:
		f.Center = []string{"could not be asked: " + err.Error()}
	default:
		answered = fromSecurityCenter(&f, center, products)
	}
	if !answered && !hasProduct(f.Found, "defender") {
		f.Unconfirmed, f.Seen = unconfirmedDefender(products, procs, queryService(defenderService))
		if off && len(f.Unconfirmed) > 0 {
			f.Unconfirmed = nil
			f.Ignored = append(f.Ignored, "Microsoft Defender: real-time protection is turned off")
		}
	}
	if hasProduct(f.Found, "defender") {
		f.Defs = defenderDefinitions(sys.Registry)
	}
	return f, nil
}

// securityCenter lists the antivirus products Windows Security Center
// knows (WMI, root\SecurityCenter2: Windows client editions; servers and
// Wine have no such namespace). WMI calls cannot be cancelled: one that
// outlives ctx finishes on its own goroutine, its answer dropped.
func securityCenter(ctx context.Context) ([]wscProduct, error) {
	type answer struct {
		list []wscProduct
		err  error
	}
	done := make(chan answer, 1)
	go func() {
		var list []wscProduct
		err := wmi.QueryNamespace("SELECT displayName, productState FROM AntiVirusProduct", &list, `root\SecurityCenter2`)
		done <- answer{list, err}
	}()
	select {
	case a := <-done:
		return a.list, a.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// adminFolders are the folders only administrators can write, in lower
// case, from Windows itself (not from environment variables, which anyone
// can set).
func adminFolders() []string {
	var dirs []string
	for _, id := range []*windows.KNOWNFOLDERID{windows.FOLDERID_ProgramFiles, windows.FOLDERID_ProgramFilesX86, windows.FOLDERID_Windows} {
		if d, err := windows.KnownFolderPath(id, 0); err == nil {
			dirs = append(dirs, strings.ToLower(d))
		}
	}
	if d, err := windows.KnownFolderPath(windows.FOLDERID_ProgramData, 0); err == nil {
		dirs = append(dirs, strings.ToLower(d+`\Microsoft\Windows Defender\Platform`))
	}
	return dirs
}

// queryService asks the service manager for a service's state and process,
// with only the rights every user has.
func queryService(name string) serviceStatus {
	st := serviceStatus{Name: name}
	m, err := windows.OpenSCManager(nil, nil, windows.SC_MANAGER_CONNECT)
	if err != nil {
		st.Err = fmt.Errorf("opening the service manager: %w", err)
		return st
	}
	defer windows.CloseServiceHandle(m)
	n, err := windows.UTF16PtrFromString(name)
	if err != nil {
		st.Err = err
		return st
	}
	s, err := windows.OpenService(m, n, windows.SERVICE_QUERY_STATUS)
	if err != nil {
		st.Err = fmt.Errorf("opening the service: %w", err)
		return st
	}
	defer windows.CloseServiceHandle(s)
	var p windows.SERVICE_STATUS_PROCESS
	var needed uint32
	if err := windows.QueryServiceStatusEx(s, windows.SC_STATUS_PROCESS_INFO, (*byte)(unsafe.Pointer(&p)), uint32(unsafe.Sizeof(p)), &needed); err != nil {
		st.Err = fmt.Errorf("querying the service: %w", err)
		return st
	}
	st.State, st.PID = p.CurrentState, p.ProcessId
	return st
}
