package check

import (
	"context"
	"strings"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readAntivirus lists processes and matches their programs against the
// catalogue's Windows names, believing only programs in folders only
// administrators can write. Defender with its real-time protection turned
// off does not count; when Defender runs, its definitions are dated from
// the registry. (Windows Security Center, which knows every registered
// product, answers through WMI, which Wine lacks: it is not read yet.)
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
				continue
			}
			kept = append(kept, m)
		}
		f.Found = kept
	}
	if hasProduct(f.Found, "defender") {
		f.Defs = defenderDefinitions(sys.Registry)
	}
	return f, nil
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
