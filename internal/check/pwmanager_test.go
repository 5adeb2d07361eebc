package check

import (
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Windows' program names, as the process list gives them.
func TestPasswordManagerWindowsProcesses(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	var f pmFacts
	matchManagerProcs(&f, []host.Process{{PID: 1, Name: "explorer.exe"}, {PID: 2, Name: "Bitwarden.exe", Exe: `C:\Users\taro\AppData\Local\Programs\Bitwarden\Bitwarden.exe`}}, managers, true)
	if r := judgePasswordManager(f, managers); r.Status != monitor.OK || r.Get("found") != "Bitwarden: running" {
		t.Errorf("Bitwarden on Windows: %s %v", r.Status, r.Evidence)
	}
	var none pmFacts
	matchManagerProcs(&none, []host.Process{{PID: 1, Name: "explorer.exe"}}, managers, true)
	if r := judgePasswordManager(none, managers); r.Status != monitor.Warn {
		t.Errorf("none on Windows: %s", r.Status)
	}
}
