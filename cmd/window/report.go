package main

import (
	"encoding/json"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Shown is one widget of a window as it is on screen: what kind it is,
// its text (a check box's or button's label, a list's choice, an entry's
// text) and whether the person can use it.
type Shown struct {
	Kind     string `json:"kind"`
	Text     string `json:"text"`
	Disabled bool   `json:"disabled,omitempty"`
	Checked  bool   `json:"checked,omitempty"`
}

// reportEnv names a file the window writes its widgets to once it is
// shown, for tests of the Windows build under Wine, where Fyne's test
// driver does not run and a picture cannot say which box is disabled. It
// reads the widgets themselves, not the policy behind them.
const reportEnv = "MAMORI_WINDOW_REPORT"

// reportWhenShown writes w's widgets to the file $MAMORI_WINDOW_REPORT
// names once the app has started; without it, nothing.
func reportWhenShown(a fyne.App, w fyne.Window) {
	path := os.Getenv(reportEnv)
	if path == "" {
		return
	}
	a.Lifecycle().SetOnStarted(func() {
		b, err := json.MarshalIndent(shown(w.Content()), "", " ")
		if err == nil {
			// A new file only: the report follows no link and
			// overwrites nothing that was there.
			var f *os.File
			if f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
				_, err = f.Write(b)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
		}
		if err != nil {
			os.Stderr.WriteString("mamori-window: " + reportEnv + ": " + err.Error() + "\n")
		}
	})
}

// shown lists the widgets under o in the order they are laid out: it
// walks containers, scrolls, forms and the windows' own widgets, which is
// what the windows are made of.
func shown(o fyne.CanvasObject) []Shown {
	var out []Shown
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(o.Content)
		case *widget.Form:
			for _, it := range o.Items {
				out = append(out, Shown{Kind: "label", Text: it.Text})
				walk(it.Widget)
			}
		case *widget.Check:
			out = append(out, Shown{Kind: "check", Text: o.Text, Disabled: o.Disabled(), Checked: o.Checked})
		case *widget.Button:
			out = append(out, Shown{Kind: "button", Text: o.Text, Disabled: o.Disabled()})
		case *widget.Select:
			out = append(out, Shown{Kind: "select", Text: o.Selected, Disabled: o.Disabled()})
		case *widget.Entry:
			out = append(out, Shown{Kind: "entry", Text: o.Text, Disabled: o.Disabled()})
		case *widget.Label:
			out = append(out, Shown{Kind: "label", Text: o.Text})
		case fyne.Widget:
			// The window's own widgets (internal/ui's paragraph): what
			// their renderer draws. A new renderer, but built from the
			// same widget, and for these the same objects.
			for _, c := range o.CreateRenderer().Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}
