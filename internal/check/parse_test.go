package check

import (
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/testenv"
)

// testdata reads a recorded file: the checks' own, or the desktop's and the
// package manager's, which their packages keep.
func testdata(t *testing.T, name string) []byte {
	t.Helper()
	dir := "testdata"
	switch strings.SplitN(name, "/", 2)[0] {
	case "kde", "xfce", "gsettings":
		dir = "../desktop/testdata"
	case "apt", "dpkg":
		dir = "../updates/testdata"
	}
	return testenv.Testdata(t, dir, name)
}

func TestParseCVDHeader(t *testing.T) {
	tests := []struct {
		file string
		want time.Time
		err  bool
	}{
		{"clamav/daily.cld", time.Date(2026, 11, 20, 9, 15, 0, 0, time.UTC), false},
		{"clamav/main.cvd", time.Date(2021, 9, 16, 12, 32, 0, 0, time.UTC), false},
		{"clamav/bad-time.cvd", time.Unix(1631795525, 0), false}, // falls back to stime
		{"clamav/garbage.cvd", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := parseCVDHeader(testdata(t, tt.file)[:512])
		if (err != nil) != tt.err || !got.Equal(tt.want) {
			t.Errorf("%s: got %v, %v; want %v (error %v)", tt.file, got, err, tt.want, tt.err)
		}
	}
	if _, err := parseCVDHeader(nil); err == nil {
		t.Error("empty header accepted")
	}
}

func TestParseLogind(t *testing.T) {
	r, err := parseLogind(testdata(t, "logind/debian12-logind.conf"))
	if err != nil || !r.Known || r.After != 0 || r.Action != "logind ignore" {
		t.Errorf("Debian default: %+v %v", r, err)
	}
	r, err = parseLogind([]byte("[Login]\r\nIdleAction=hibernate\r\nIdleActionSec=1h 30min\r\n"))
	if err != nil || r.After != 90*time.Minute {
		t.Errorf("hibernate after 1h30: %+v %v", r, err)
	}
	r, err = parseLogind([]byte("[Other]\nIdleAction=suspend\n"))
	if err != nil || r.After != 0 {
		t.Errorf("IdleAction outside [Login] was used: %+v", r)
	}
	if _, err := parseLogind([]byte("[Login]\nIdleActionSec=soon\n")); err == nil {
		t.Error("garbage IdleActionSec accepted")
	}
}

func TestParseTimespan(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"30min": 30 * time.Minute, "900": 15 * time.Minute, "1h 30min": 90 * time.Minute,
		"2h30m": 150 * time.Minute, "45s": 45 * time.Second, "infinity": 0, "1.5h": 90 * time.Minute,
	} {
		if got, err := parseTimespan(in); err != nil || got != want {
			t.Errorf("parseTimespan(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "soon", "5 parsecs", "min", "16000000d", "300000w", "9223372037s", "106751d 106751d"} {
		if _, err := parseTimespan(bad); err == nil {
			t.Errorf("parseTimespan(%q) accepted", bad)
		}
	}
}

func TestGsettingsSleep(t *testing.T) {
	power, err := desktop.ParseGsettingsList("org.gnome.settings-daemon.plugins.power", testdata(t, "gsettings/power.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if r := gsettingsSleep(power, "sleep-inactive-ac"); !r.Known || r.After != 20*time.Minute || r.Action != "suspend" {
		t.Errorf("power defaults: %+v", r)
	}
}
