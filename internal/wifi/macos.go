package wifi

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
)

// NameWithheldError: macOS (14.4 and later) shows the Wi-Fi network's name
// only to apps the person allowed to use the location, and this one was
// not. It is an ErrLocationDenied.
type NameWithheldError struct{ Security Security }

func (e NameWithheldError) Error() string {
	return "macOS gives the Wi-Fi network's name only to apps allowed to use the location (security: " + e.Security.Label() + ")"
}

// Is makes it an ErrLocationDenied.
func (e NameWithheldError) Is(target error) bool { return target == ErrLocationDenied }

// SystemProfiler reads the connected network from `system_profiler
// SPAirPortDataType -json`, which any user may run.
type SystemProfiler struct{ Cmd command.Runner }

// Current returns the connected network.
func (s *SystemProfiler) Current(ctx context.Context) (Connection, error) {
	out, err := s.Cmd.Run(ctx, command.SystemProfiler, "SPAirPortDataType", "-json")
	if err != nil {
		return Connection{}, fmt.Errorf("asking system_profiler: %w", err)
	}
	return ParseAirPort(out)
}

// macSecurity maps system_profiler's spairport_security_mode_* values
// (the names System Information shows as "Security") to classes.
var macSecurity = map[string]Security{
	"none": Open, "owe": OWE, "owe_transition": OWE, "wep": WEP,
	"wpa_personal": WPATKIP, "wpa_personal_mixed": WPA2Personal,
	"wpa2_personal": WPA2Personal, "wpa3_personal": WPA3Personal, "wpa2_wpa3_personal": WPA3Personal, "wpa3_transition": WPA3Personal,
	"wpa_enterprise": Enterprise, "wpa_enterprise_mixed": Enterprise, "wpa2_enterprise": Enterprise,
	"wpa3_enterprise": Enterprise, "wpa2_wpa3_enterprise": Enterprise,
}

// ParseAirPort reads system_profiler's SPAirPortDataType as JSON (macOS
// 10.15 and later; the keys are System Information's, documented by
// `system_profiler -listDataTypes` and seen in any report):
// SPAirPortDataType[].spairport_airport_interfaces[] each with its _name
// (en0), spairport_status_information and, when connected,
// spairport_current_network_information {_name (the SSID, "<redacted>"
// without the location permission), spairport_network_channel ("44
// (5GHz, 80MHz)"), spairport_security_mode}.
func ParseAirPort(data []byte) (Connection, error) {
	var doc struct {
		Types []struct {
			Interfaces []struct {
				Name    string `json:"_name"`
				Status  string `json:"spairport_status_information"`
				Current *struct {
					Name     string `json:"_name"`
					Channel  any    `json:"spairport_network_channel"`
					Security string `json:"spairport_security_mode"`
				} `json:"spairport_current_network_information"`
			} `json:"spairport_airport_interfaces"`
		} `json:"SPAirPortDataType"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return Connection{}, fmt.Errorf("reading system_profiler's answer: %w", err)
	}
	devices := 0
	for _, t := range doc.Types {
		for _, in := range t.Interfaces {
			if !strings.HasPrefix(in.Name, "en") {
				continue // awdl0, llw0: AirDrop's
			}
			devices++
			if in.Current == nil {
				continue
			}
			c := Connection{Interface: in.Name, Source: "system_profiler"}
			mode := strings.TrimPrefix(in.Current.Security, "spairport_security_mode_")
			sec, ok := macSecurity[mode]
			if !ok {
				return c, fmt.Errorf("system_profiler: unknown security mode %q", in.Current.Security)
			}
			c.Security = sec
			c.FrequencyMHz = channelMHz(in.Current.Channel)
			if in.Current.Name == "<redacted>" || in.Current.Name == "" {
				return c, NameWithheldError{Security: sec}
			}
			c.SSID = []byte(in.Current.Name)
			return c, nil
		}
	}
	if devices == 0 {
		return Connection{}, ErrNoDevice
	}
	return Connection{}, ErrNotConnected
}

// channelMHz turns "44 (5GHz, 80MHz)" (or a bare channel number, as
// older systems give) into the channel's centre frequency.
func channelMHz(v any) uint32 {
	var s string
	switch c := v.(type) {
	case string:
		s = c
	case float64:
		s = strconv.Itoa(int(c))
	default:
		return 0
	}
	num, rest, _ := strings.Cut(s, " ")
	ch, err := strconv.Atoi(num)
	if err != nil || ch <= 0 {
		return 0
	}
	switch {
	case strings.Contains(rest, "6GHz"):
		return uint32(5950 + 5*ch)
	case strings.Contains(rest, "2GHz"), rest == "" && ch <= 14:
		if ch == 14 {
			return 2484
		}
		return uint32(2407 + 5*ch)
	}
	return uint32(5000 + 5*ch)
}
