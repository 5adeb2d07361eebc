package ui

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/safe"
	"github.com/mamori-project/mamori/internal/wifi"
)

// SettingsActions are what the settings window's buttons do.
type SettingsActions struct {
	// Save stores the settings and tells the agent.
	Save func(config.Settings) error
	// Current returns the Wi-Fi network the computer is on now.
	Current func() (config.TrustedNetwork, error)
	// Locked says whether an organisation's policy sets a setting (by
	// its JSON name) or turns a check on or off for good ("check:" and
	// its ID): shown as the organisation's, and not to be changed here.
	// Nil: nothing is.
	Locked func(setting string) bool
}

// locked reports whether the policy sets the setting.
func (a SettingsActions) locked(setting string) bool { return a.Locked != nil && a.Locked(setting) }

// lockAll disables what edits a setting the organisation's policy sets,
// and says whose it is on the ones that have text.
func lockAll(p *i18n.Printer, act SettingsActions, setting string, shown *bool, ws ...fyne.Disableable) {
	if !act.locked(setting) {
		return
	}
	*shown = true
	for _, w := range ws {
		w.Disable()
		if c, ok := w.(*widget.Check); ok {
			c.Text += " " + p.T("settings.managed.mark", nil)
			c.Refresh()
		}
	}
}

// Intervals are the check intervals offered, in minutes.
var Intervals = []int{15, 30, 60, 120, 240}

// SettingsView edits a copy of st; Save hands it to act.Save. checks are
// the check IDs, in display order.
func SettingsView(p *i18n.Printer, st config.Settings, checks []string, act SettingsActions) fyne.CanvasObject {
	edit := st
	edit.DisabledChecks = append([]string{}, st.DisabledChecks...)
	edit.TrustedNetworks = append([]config.TrustedNetwork{}, st.TrustedNetworks...)

	// General.
	langs := []string{p.T("settings.language.auto", nil), "日本語", "English"}
	codes := []string{"", "ja", "en"}
	lang := widget.NewSelect(langs, func(s string) { edit.Language = codes[slices.Index(langs, s)] })
	lang.SetSelected(langs[max(slices.Index(codes, st.Language), 0)])
	var intervalNames []string
	for _, m := range Intervals {
		intervalNames = append(intervalNames, p.T("settings.interval.minutes", map[string]any{"Minutes": m}))
	}
	interval := widget.NewSelect(intervalNames, func(s string) { edit.IntervalMinutes = Intervals[slices.Index(intervalNames, s)] })
	if i := slices.Index(Intervals, st.IntervalMinutes); i >= 0 {
		interval.SetSelected(intervalNames[i])
	} else {
		interval.PlaceHolder = p.T("settings.interval.minutes", map[string]any{"Minutes": st.IntervalMinutes})
	}
	login := widget.NewCheck(p.T("settings.login", nil), func(b bool) { edit.StartAtLogin = b })
	login.SetChecked(st.StartAtLogin)
	general := widget.NewForm(
		widget.NewFormItem(p.T("settings.language", nil), lang),
		widget.NewFormItem(p.T("settings.interval", nil), interval),
	)

	managed := false // something here is the organisation's
	lockAll(p, act, "language", &managed, lang)

	// Checks.
	checkBoxes := container.NewVBox()
	for _, id := range checks {
		cb := widget.NewCheck(p.T("check."+id, nil), func(on bool) {
			edit.DisabledChecks = slices.DeleteFunc(edit.DisabledChecks, func(d string) bool { return d == id })
			if !on {
				edit.DisabledChecks = append(edit.DisabledChecks, id)
			}
		})
		cb.SetChecked(st.Enabled(id))
		lockAll(p, act, "check:"+id, &managed, cb)
		checkBoxes.Add(cb)
	}

	contents := widget.NewCheck(p.T("settings.pwcontents", nil), func(b bool) { edit.PasswordFileContents = b })
	contents.SetChecked(st.PasswordFileContents)
	// Whether others use this computer: no check can see it (several
	// people may share one account), so the person is asked.
	shared := widget.NewCheck(p.T("settings.shared", nil), func(b bool) { edit.SharedComputer = b })
	shared.SetChecked(st.SharedComputer)

	// Notifications.
	notes := widget.NewCheck(p.T("settings.notifications.on", nil), func(b bool) { edit.Notifications = b })
	notes.SetChecked(st.Notifications)
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetText(st.QuietHours.Start)
	to.SetText(st.QuietHours.End)
	from.OnChanged = func(s string) { edit.QuietHours.Start = s }
	to.OnChanged = func(s string) { edit.QuietHours.End = s }
	quiet := widget.NewCheck(p.T("settings.quiet.on", nil), func(b bool) { edit.QuietHours.Enabled = b })
	quiet.SetChecked(st.QuietHours.Enabled)
	lockAll(p, act, "notifications", &managed, notes)
	lockAll(p, act, "quiet_hours", &managed, quiet, from, to)

	// Trusted networks.
	trusted := container.NewVBox()
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	var redraw func()
	redraw = func() {
		trusted.RemoveAll()
		if len(edit.TrustedNetworks) == 0 {
			trusted.Add(widget.NewLabel(p.T("settings.trusted.none", nil)))
		}
		for i, t := range edit.TrustedNetworks {
			label := trustedLabel(p, t)
			remove := widget.NewButtonWithIcon(p.T("settings.trusted.remove", nil), theme.DeleteIcon(), func() {
				edit.TrustedNetworks = slices.Delete(edit.TrustedNetworks, i, i+1)
				redraw()
			})
			if act.locked("trusted_networks") {
				remove.Disable()
			}
			trusted.Add(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(label)))
		}
		trusted.Refresh()
	}
	redraw()
	add := widget.NewButtonWithIcon(p.T("settings.trusted.add", nil), theme.ContentAddIcon(), nil)
	add.OnTapped = func() {
		t, err := act.Current()
		if err != nil {
			// The network may have gone since the window opened.
			status.SetText(currentProblem(p, err))
			return
		}
		edit.Trust(t)
		redraw()
	}
	// Whether there is a network to add, asked once as the window opens:
	// without one the button is off and says why.
	lockAll(p, act, "trusted_networks", &managed, add)
	if act.Current == nil || act.locked("trusted_networks") {
		add.Disable()
	} else if _, err := act.Current(); err != nil {
		add.Disable()
		status.SetText(currentProblem(p, err))
	}

	// Remote-control tools the person uses on purpose: listed by the
	// remote-control check, not warned about.
	edit.ExpectedRemoteTools = append([]string{}, st.ExpectedRemoteTools...)
	remote, _ := catalog.RemoteTools() // embedded: its tests hold it whole
	toolName := func(id string) string {
		for _, t := range remote.Tools {
			if t.ID == id {
				return t.DisplayName(p.Lang)
			}
		}
		return id
	}
	var toolNames []string
	for _, t := range remote.Tools {
		toolNames = append(toolNames, t.DisplayName(p.Lang))
	}
	expected := container.NewVBox()
	var redrawTools func()
	redrawTools = func() {
		expected.RemoveAll()
		if len(edit.ExpectedRemoteTools) == 0 {
			expected.Add(widget.NewLabel(p.T("settings.remote.none", nil)))
		}
		for i, id := range edit.ExpectedRemoteTools {
			remove := widget.NewButtonWithIcon(p.T("settings.trusted.remove", nil), theme.DeleteIcon(), func() {
				edit.ExpectedRemoteTools = slices.Delete(edit.ExpectedRemoteTools, i, i+1)
				redrawTools()
			})
			if act.locked("expected_remote_tools") {
				remove.Disable()
			}
			expected.Add(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(toolName(id))))
		}
		expected.Refresh()
	}
	redrawTools()
	pick := widget.NewSelect(toolNames, nil)
	pick.PlaceHolder = p.T("settings.remote.pick", nil)
	addTool := widget.NewButtonWithIcon(p.T("settings.remote.add", nil), theme.ContentAddIcon(), func() {
		i := slices.Index(toolNames, pick.Selected)
		if i < 0 {
			return
		}
		if id := remote.Tools[i].ID; !slices.Contains(edit.ExpectedRemoteTools, id) {
			edit.ExpectedRemoteTools = append(edit.ExpectedRemoteTools, id)
		}
		redrawTools()
	})

	lockAll(p, act, "expected_remote_tools", &managed, pick, addTool)

	save := widget.NewButtonWithIcon(p.T("settings.save", nil), theme.DocumentSaveIcon(), func() {
		if err := act.Save(edit); errors.Is(err, config.ErrLocked) {
			// A policy came while the window was open: the rest is saved.
			status.SetText(p.T("settings.locked", nil))
			return
		} else if err != nil {
			status.SetText(p.T("settings.error", map[string]any{"Error": err.Error()}))
			return
		}
		status.SetText(p.T("settings.saved", nil))
	})
	save.Importance = widget.HighImportance

	body := container.NewVBox()
	if managed {
		body.Add(wrapped(p.T("settings.managed", nil)))
	}
	body.Add(container.NewVBox(
		bold(p.T("settings.general", nil)), general, login,
		widget.NewSeparator(),
		bold(p.T("settings.checks", nil)), checkBoxes, contents,
		shared, wrapped(p.T("settings.shared.explain", nil)),
		widget.NewSeparator(),
		bold(p.T("settings.notifications", nil)), notes,
		container.NewHBox(quiet, timeField(from), widget.NewLabel(p.T("settings.quiet.to", nil)), timeField(to)),
		widget.NewSeparator(),
		bold(p.T("settings.trusted", nil)), trusted, container.NewHBox(add),
		widget.NewSeparator(),
		bold(p.T("settings.remote", nil)), wrapped(p.T("settings.remote.explain", nil)), expected, container.NewHBox(pick, addTool),
	))
	return container.NewBorder(nil, container.NewPadded(container.NewBorder(nil, nil, nil, save, status)), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
}

// timeField gives an HH:MM entry room for its text.
func timeField(e *widget.Entry) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(90, e.MinSize().Height)), e)
}

// trustedLabel is how the settings window lists a trusted network: its
// name and, in the person's words, how it is protected (not the protocol's
// name, which the window's readers would not know), and the access point
// it is pinned to, if any.
func trustedLabel(p *i18n.Printer, t config.TrustedNetwork) string {
	protection := "settings.trusted.security.unknown"
	switch wifi.Security(t.Security) {
	case wifi.Open:
		protection = "settings.trusted.security.open"
	case wifi.OWE:
		protection = "settings.trusted.security.owe"
	case wifi.WEP, wifi.WPATKIP:
		protection = "settings.trusted.security.old"
	case wifi.WPA2Personal, wifi.WPA3Personal:
		protection = "settings.trusted.security.password"
	case wifi.Enterprise:
		protection = "settings.trusted.security.account"
	}
	label := p.T("settings.trusted.entry", map[string]any{"Name": wifi.SSIDText(t.SSIDBytes()), "Protection": p.T(protection, nil)})
	if t.BSSID != "" {
		// The settings file is anyone's to write: the access point is
		// shown escaped and cut to an address's length, as the name is.
		label += " " + safe.Text(t.BSSID, len("aa:bb:cc:dd:ee:ff"))
	}
	return label
}

// currentProblem says in the person's language why there is no current
// Wi-Fi network to add; the technical detail goes to the log.
func currentProblem(p *i18n.Printer, err error) string {
	switch {
	case errors.Is(err, wifi.ErrNoDevice):
		return p.T("settings.trusted.no-wifi", nil)
	case errors.Is(err, wifi.ErrNotConnected):
		return p.T("settings.trusted.not-connected", nil)
	}
	fmt.Fprintln(os.Stderr, "mamori-window: reading the Wi-Fi connection:", err)
	return p.T("settings.trusted.cannot-read", nil)
}
