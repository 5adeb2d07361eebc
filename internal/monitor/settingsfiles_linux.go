package monitor

import "slices"

// SettingsFiles lists the files the screen-lock and idle-power checks read
// beyond dconf: KDE's and Xfce's settings and logind's configuration, so an
// event source can watch them and re-run those checks when one changes. A
// path ending in "/" stands for every file in that directory (drop-ins).
func SettingsFiles(sys System) []string {
	var files []string
	for _, name := range []string{"kscreenlockerrc", "powerdevilrc", "powermanagementprofilesrc"} {
		files = append(files, kconfigPaths(sys, name)...)
	}
	for _, channel := range []string{"xfce4-screensaver", "xfce4-power-manager"} {
		files = append(files, xfconfPaths(sys, channel)...)
	}
	files = append(files, logindFiles...)
	for _, dir := range logindDropIns {
		files = append(files, dir+"/")
	}
	slices.Sort(files)
	return files
}
