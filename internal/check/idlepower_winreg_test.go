package check

import (
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// balanced is the Balanced plan (381b4222-…) as Windows stores it: the
// plan's defaults under PowerSettings (sleep after 30 min on mains, 15 on
// battery, hibernate after 3 h, sign-in on wake).
func balanced() host.MapRegistry {
	const scheme = "381b4222-f694-41f0-9685-ff5bb260df2e"
	def := func(group, setting string) string {
		return winPowerSettings + `\` + group + `\` + setting + `\DefaultPowerSchemeValues\` + scheme + `\`
	}
	return host.MapRegistry{
		winPowerSchemes + `\ActivePowerScheme`:                  scheme,
		def(winSleepGroup, winStandbyIdle) + "ACSettingIndex":   uint64(1800),
		def(winSleepGroup, winStandbyIdle) + "DCSettingIndex":   uint64(900),
		def(winSleepGroup, winHibernateIdle) + "ACSettingIndex": uint64(10800),
		def(winSleepGroup, winHibernateIdle) + "DCSettingIndex": uint64(10800),
		def(winNoSubgroup, winConsoleLock) + "ACSettingIndex":   uint64(1),
		def(winNoSubgroup, winConsoleLock) + "DCSettingIndex":   uint64(1),
	}
}

// override sets the person's own value for the Balanced plan.
func override(r host.MapRegistry, group, setting, name string, v uint64) host.MapRegistry {
	r[winPowerSchemes+`\381b4222-f694-41f0-9685-ff5bb260df2e\`+group+`\`+setting+`\`+name] = v
	return r
}

func TestWindowsPower(t *testing.T) {
	for _, tt := range []struct {
		name    string
		reg     host.MapRegistry
		battery bool
		want    monitor.Status
		advice  string
	}{
		{"Balanced, as installed", balanced(), true, monitor.OK, "idle-power"},
		{"never sleeps on mains, but hibernates after 3 h", override(balanced(), winSleepGroup, winStandbyIdle, "ACSettingIndex", 0), false, monitor.Warn, "idle-power.windows"},
		{"never on mains at all", override(override(balanced(), winSleepGroup, winStandbyIdle, "ACSettingIndex", 0), winSleepGroup, winHibernateIdle, "ACSettingIndex", 0), false, monitor.Warn, "idle-power.windows"},
		{"battery never sleeps, no battery", override(override(balanced(), winSleepGroup, winStandbyIdle, "DCSettingIndex", 0), winSleepGroup, winHibernateIdle, "DCSettingIndex", 0), false, monitor.OK, "idle-power"},
		{"no sign-in on wake", override(balanced(), winNoSubgroup, winConsoleLock, "ACSettingIndex", 0), false, monitor.Warn, "idle-power.windows"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := windowsPower(tt.reg, tt.battery)
			if err != nil {
				t.Fatal(err)
			}
			if r := judgePower(p); r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s/%s %v, want %s/%s", r.Status, r.Advice, r.Evidence, tt.want, tt.advice)
			}
		})
	}
	if _, err := windowsPower(host.MapRegistry{}, false); err == nil {
		t.Error("no active plan: no error")
	}
	noValues := host.MapRegistry{winPowerSchemes + `\ActivePowerScheme`: "{381B4222-F694-41F0-9685-FF5BB260DF2E}"}
	p, err := windowsPower(noValues, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := judgePower(p); r.Status != monitor.Unknown {
		t.Errorf("a plan without values: %s %v", r.Status, r.Evidence)
	}
}
