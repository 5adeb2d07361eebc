package check

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
)

// SmartScreen for downloaded programs: Explorer's setting, and Group
// Policy's, which wins.
const (
	winSmartScreenKey    = `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer`
	winSmartScreenPolicy = `HKLM\SOFTWARE\Policies\Microsoft\Windows\System`
)

// windowsSmartScreen reads whether SmartScreen checks downloaded
// programs. Unset is Windows' default: on.
func windowsSmartScreen(reg host.Registry) (sourcesFacts, error) {
	f := sourcesFacts{Windows: true}
	if reg == nil {
		return f, errors.New("no registry to read")
	}
	switch v, err := reg.Uint(winSmartScreenPolicy, "EnableSmartScreen"); {
	case err == nil && v == 0:
		f.SmartScreenOff = "Group Policy " + winSmartScreenPolicy + `\EnableSmartScreen`
		return f, nil
	case err == nil:
		return f, nil
	case !errors.Is(err, fs.ErrNotExist):
		return f, err
	}
	switch v, err := reg.String(winSmartScreenKey, "SmartScreenEnabled"); {
	case err == nil && strings.EqualFold(strings.TrimSpace(v), "Off"):
		f.SmartScreenOff = winSmartScreenKey + `\SmartScreenEnabled`
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return f, err
	}
	return f, nil
}
