package check

import (
	"context"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
)

// readAutofill reads /etc/passwd for the people who log in, LightDM's
// guest settings, and the person's browser profiles.
func readAutofill(_ context.Context, sys host.System) (autofillFacts, error) {
	var f autofillFacts
	passwd, err := sys.ReadFile("/etc/passwd")
	if err != nil {
		return f, err
	}
	f.People = parsePasswd(string(passwd))
	for _, conf := range []string{"/etc/lightdm/lightdm.conf", "/usr/share/lightdm/lightdm.conf.d/50-guest-wrapper.conf"} {
		if data, err := sys.ReadFile(conf); err == nil && strings.Contains(strings.ReplaceAll(string(data), " ", ""), "allow-guest=true") {
			f.Guest = true
		}
	}
	f.Saved = readSavedLogins(browserDirs(sys))
	return f, nil
}
