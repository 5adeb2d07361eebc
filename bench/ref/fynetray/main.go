// Command fynetray is a benchmark reference: a Fyne app holding only a tray
// icon and no window, the naive design Mamori's agent avoids.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/mamori-project/mamori"
)

func main() {
	a := app.NewWithID("io.github.mamori_project.BenchFyneTray")
	if d, ok := a.(desktop.App); ok {
		d.SetSystemTrayIcon(fyne.NewStaticResource("tray.png", mamori.TrayIcon("ok")))
		d.SetSystemTrayMenu(fyne.NewMenu("reference", fyne.NewMenuItem("Status", func() {})))
	}
	a.Run()
}
