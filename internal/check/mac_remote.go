package check

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
)

// parseLaunchctlDisabled reads `launchctl print-disabled system`
// (launchctl(1)): one line per service whose enabled state was ever set,
//
//	disabled services = {
//		"com.apple.screensharing" => disabled
//		"com.openssh.sshd" => enabled
//	}
//
// macOS 10.15 and earlier print "=> true" for disabled and "=> false" for
// enabled. It returns each service's state, true for enabled; a service
// not listed keeps its default (Screen Sharing's and Remote Login's is
// off). Not localised.
func parseLaunchctlDisabled(out []byte) (map[string]bool, error) {
	m := map[string]bool{}
	found := false
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "disabled services = {") {
			found = true
			continue
		}
		name, state, ok := strings.Cut(line, "=>")
		if !ok {
			continue
		}
		name = strings.Trim(strings.TrimSpace(name), `"`)
		switch strings.TrimSpace(state) {
		case "enabled", "false":
			m[name] = true
		case "disabled", "true":
			m[name] = false
		}
	}
	if !found {
		return nil, fmt.Errorf("launchctl print-disabled: no list in %q", firstLine(out))
	}
	return m, nil
}

// macRemoteServices are macOS's own ways in, by their launchd label, and
// the port launchd listens on for them on every interface.
var macRemoteServices = []struct {
	label string
	port  uint16
}{
	{"com.apple.screensharing", 5900}, // Screen Sharing, and Remote Management's VNC
}

// macRemoteManagement is the file whose presence turns Remote Management
// (Apple Remote Desktop) on at start-up, as ARD's kickstart documents.
const macRemoteManagement = "/Library/Application Support/Apple/Remote Desktop/RemoteManagement.launchd"

// macRemoteListeners says which of macOS's remote-control services are
// on: launchd listens for them on all interfaces.
func macRemoteListeners(ctx context.Context, sys host.System) ([]listener, error) {
	out, err := sys.Cmd.Run(ctx, command.Launchctl, "print-disabled", "system")
	if err != nil {
		return nil, fmt.Errorf("asking launchctl: %w", err)
	}
	states, err := parseLaunchctlDisabled(out)
	if err != nil {
		return nil, err
	}
	var ls []listener
	for _, s := range macRemoteServices {
		if states[s.label] {
			ls = append(ls, listener{Addr: netip.AddrPortFrom(netip.IPv6Unspecified(), s.port), Proc: s.label})
		}
	}
	if sys.Exists(macRemoteManagement) {
		ls = append(ls, listener{Addr: netip.AddrPortFrom(netip.IPv6Unspecified(), 5900), Proc: "Remote Management"})
	}
	return ls, nil
}
