package check

import (
	"context"
	"strings"

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
	switch center, err := securityCenter(ctx); {
	case err != nil:
		f.Center = []string{"could not be asked: " + err.Error()}
	default:
		fromSecurityCenter(&f, center, products)
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
