//go:build !linux

package monitor

// SettingsFiles lists the files the desktop checks read. None yet here: the
// checks read no files on this system.
func SettingsFiles(System) []string { return nil }
