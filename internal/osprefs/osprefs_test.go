package osprefs

import (
	"slices"
	"testing"

	"github.com/mamori-project/mamori/internal/command"
)

// TestFor picks a check's page by the system and, on Linux, the desktop
// as XDG_CURRENT_DESKTOP names it.
func TestFor(t *testing.T) {
	pages := Pages{
		Windows: Explorer("ms-settings:network-wifi"), MacOS: SystemSettings("x-apple.systempreferences:com.apple.wifi-settings-extension"),
		KDE: KDEModule("kcm_networkmanagement"), Cinnamon: CinnamonModule("network"), GNOME: GNOMEPanel("wifi"),
	}
	tests := []struct {
		goos, desktop string
		want          Page
		ok            bool
	}{
		{"linux", "ubuntu:GNOME", Page{command.GnomeControlCenter, []string{"wifi"}}, true},
		{"linux", "Budgie:GNOME", Page{command.GnomeControlCenter, []string{"wifi"}}, true},
		{"linux", "KDE", Page{command.KDESystemSettings, []string{"kcm_networkmanagement"}}, true},
		{"linux", "X-Cinnamon", Page{command.CinnamonSettings, []string{"network"}}, true},
		{"linux", "XFCE", Page{}, false}, // declared for none here
		{"linux", "", Page{}, false},
		{"windows", "", Page{command.WindowsExplorer, []string{"ms-settings:network-wifi"}}, true},
		{"darwin", "", Page{command.MacOpen, []string{"x-apple.systempreferences:com.apple.wifi-settings-extension"}}, true},
	}
	for _, tt := range tests {
		got, ok := For(pages, tt.goos, tt.desktop)
		if ok != tt.ok || (ok && (got.Program != tt.want.Program || !slices.Equal(got.Args, tt.want.Args))) {
			t.Errorf("For(%s, %q) = %+v, %v; want %+v, %v", tt.goos, tt.desktop, got, ok, tt.want, tt.ok)
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
	p := GNOMEPanel("wifi")
	if err := Open(r, p); err != nil || len(r.launched) != 1 || r.launched[0] != "gnome-control-center wifi" {
		t.Errorf("launched %v, %v", r.launched, err)
	}
	if Available(&command.Exec{Paths: map[command.Name][]string{command.GnomeControlCenter: {"/nonexistent"}}}, p) {
		t.Error("a missing settings app counted as available")
	}
}
