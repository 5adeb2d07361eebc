package osprefs

import (
	"slices"
	"testing"

	"github.com/mamori-project/mamori/internal/command"
)

func TestFor(t *testing.T) {
	tests := []struct {
		check, goos, desktop string
		want                 Page
		ok                   bool
	}{
		{"screen-lock", "linux", "ubuntu:GNOME", Page{command.GnomeControlCenter, []string{"privacy"}}, true},
		{"wifi", "linux", "GNOME", Page{command.GnomeControlCenter, []string{"wifi"}}, true},
		{"os-updates", "linux", "GNOME", Page{command.GnomeSoftware, []string{"--mode=updates"}}, true},
		{"idle-power", "linux", "KDE", Page{command.KDESystemSettings, []string{"kcm_powerdevilprofilesconfig"}}, true},
		{"screen-lock", "linux", "X-Cinnamon", Page{command.CinnamonSettings, []string{"screensaver"}}, true},
		{"antivirus", "linux", "GNOME", Page{}, false},
		{"screen-lock", "linux", "", Page{}, false},
		{"os-updates", "windows", "", Page{command.WindowsExplorer, []string{"ms-settings:windowsupdate"}}, true},
		{"wifi", "darwin", "", Page{command.MacOpen, []string{"x-apple.systempreferences:com.apple.wifi-settings-extension"}}, true},
	}
	for _, tt := range tests {
		got, ok := For(tt.check, tt.goos, tt.desktop)
		if ok != tt.ok || (ok && (got.Program != tt.want.Program || !slices.Equal(got.Args, tt.want.Args))) {
			t.Errorf("For(%s, %s, %q) = %+v, %v; want %+v, %v", tt.check, tt.goos, tt.desktop, got, ok, tt.want, tt.ok)
		}
	}
}

// recorder stands in for the OS: this machine has no settings apps.
type recorder struct{ launched []string }

func (r *recorder) Launch(n command.Name, args ...string) error {
	r.launched = append(r.launched, string(n)+" "+args[0])
	return nil
}
func (r *recorder) Has(command.Name) bool { return true }

func TestOpen(t *testing.T) {
	r := &recorder{}
	p, _ := For("wifi", "linux", "GNOME")
	if err := Open(r, p); err != nil || len(r.launched) != 1 || r.launched[0] != "gnome-control-center wifi" {
		t.Errorf("launched %v, %v", r.launched, err)
	}
	if Available(&command.Exec{Paths: map[command.Name][]string{command.GnomeControlCenter: {"/nonexistent"}}}, p) {
		t.Error("a missing settings app counted as available")
	}
}
