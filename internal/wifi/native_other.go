//go:build !linux && !windows && !darwin

package wifi

// native: macOS's CoreWLAN is not read yet; NL80211 says so.
func native() Native { return &NL80211{} }
