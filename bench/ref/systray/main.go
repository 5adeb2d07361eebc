// Command systray is a benchmark reference: a bare fyne.io/systray process
// with one menu item, the floor a tray agent cannot go below.
package main

import (
	"fyne.io/systray"

	"github.com/mamori-project/mamori"
)

func main() {
	systray.Run(func() {
		systray.SetIcon(mamori.TrayIcon("ok"))
		systray.SetTooltip("reference")
		quit := systray.AddMenuItem("Quit", "")
		go func() {
			<-quit.ClickedCh
			systray.Quit()
		}()
	}, func() {})
}
