package ui

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/wifi"
)

func TestMain(m *testing.M) {
	// Fyne reads the locale; the C locale makes it complain.
	os.Setenv("LANG", "en_US.UTF-8")
	os.Exit(m.Run())
}

func printer(t *testing.T, lang string) *i18n.Printer {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c.Printer(lang)
}

// technical marks, in texts, the evidence a check saw (paths, tools, what
// the system said): shown as it is, under the technical heading, for
// whoever helps the person.
const technical = "⚙"

// texts lists every text the view shows, in layout order.
func texts(o fyne.CanvasObject) []string {
	var out []string
	// A paragraph's label holds its text broken into lines: the text is
	// read from the paragraph.
	inner := map[*widget.Label]bool{}
	for _, obj := range test.LaidOutObjects(o) {
		switch w := obj.(type) {
		case *paragraph:
			out = append(out, w.text)
			inner[w.label] = true
		case *widget.Label:
			if inner[w] {
				continue
			}
			if w.Selectable {
				out = append(out, technical+w.Text) // evidence, for whoever helps
				continue
			}
			if w.TextStyle.Bold && w.Wrapping == fyne.TextWrapOff {
				out = append(out, "#"+w.Text) // a check's name
			} else {
				out = append(out, w.Text)
			}
		case *widget.Button:
			out = append(out, "["+w.Text+"]")
		case *widget.Check:
			out = append(out, "☐"+w.Text)
		case *widget.Card:
			out = append(out, "#"+w.Title, w.Subtitle)
		}
	}
	return out
}

func button(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	t.Fatalf("no button %q in %v", label, texts(o))
	return nil
}

func sampleDoc(p *i18n.Printer) *report.Document {
	lock := monitor.Result{CheckID: "screen-lock", Status: monitor.Critical, Advice: "screen-lock.off", Finding: monitor.T("finding.screen-lock.off"), Time: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)}
	av := monitor.Result{CheckID: "antivirus", Status: monitor.OK, Advice: "antivirus", Finding: monitor.T("finding.antivirus.ok-unchecked", "Products", "ClamAV")}
	wifi := monitor.Result{CheckID: "wifi", Status: monitor.Warn, Advice: "wifi.public", Finding: monitor.T("finding.wifi.public", "Network", "0000docomo", "Security", "WPA2-Personal")}
	doc := report.Build([]monitor.Result{av, lock, wifi}, p, report.App{Name: "Mamori"}, lock.Time)
	return &doc
}

func TestStatusView(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "en")
	checkNow := 0
	var opened []string
	view := StatusView(p, sampleDoc(p), "wifi", StatusActions{
		CheckNow: func() { checkNow++ },
		HasPage:  func(id string) bool { return id == "screen-lock" },
		OpenPage: func(id string) { opened = append(opened, id) },
	})
	w := test.NewTempWindow(t, view)
	w.Resize(fyne.NewSize(700, 900))
	all := strings.Join(texts(view), "\n")
	for _, want := range []string{
		"2 things need attention.",
		"#Wi-Fi", "Attention", "Connected to “0000docomo”, the name of a public hotspot, which anyone can copy.", "Beware of fake public hotspots",
		"#Screen lock", "Action needed", "The screen never locks by itself: locking is turned off.", "Turn on automatic screen lock",
		"Why it matters", "How to fix", "turn on the automatic screen lock",
		"#Security software", "ClamAV is running (Mamori cannot check how current this product's virus definitions are).",
		"Good habits", "[Stop at a login page that looks odd]",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("status window lacks %q", want)
		}
	}
	// The focused check comes first, then the worst.
	order := []string{}
	for _, s := range texts(view) {
		if strings.HasPrefix(s, "#") {
			order = append(order, s)
		}
	}
	if !slices.Equal(order, []string{"#Wi-Fi", "#Screen lock", "#Security software"}) {
		t.Errorf("card order %v", order)
	}
	if n := strings.Count(all, "[Open settings]"); n != 1 {
		t.Errorf("%d Open settings buttons, want 1 (only screen-lock has a page)", n)
	}
	test.Tap(button(t, view, "Open settings"))
	test.Tap(button(t, view, "Check now"))
	if checkNow != 1 || !slices.Equal(opened, []string{"screen-lock"}) {
		t.Errorf("check now %d, opened %v", checkNow, opened)
	}
	// Compact: why and how are open only for the check the person came
	// for (Wi-Fi); Details opens them for another.
	shown := func(text string) bool {
		for _, obj := range test.LaidOutObjects(view) {
			if l, ok := obj.(*widget.Label); ok && strings.HasPrefix(l.Text, text) {
				return l.Visible() && visibleParents(view, l)
			}
		}
		return false
	}
	lockFix := "In your system's settings, turn on the automatic screen lock"
	if shown(lockFix) || !shown("This is the name of a public hotspot.") {
		t.Errorf("details: screen lock's shown %v (want closed), Wi-Fi's open", shown(lockFix))
	}
	var details []*widget.Button
	for _, obj := range test.LaidOutObjects(view) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Details" {
			details = append(details, b)
		}
	}
	if len(details) != 2 { // Wi-Fi and screen lock; the OK antivirus has none
		t.Fatalf("%d Details buttons", len(details))
	}
	test.Tap(details[1])
	if !shown(lockFix) {
		t.Error("Details did not open screen lock's why and how")
	}
	for _, h := range Habits {
		if !strings.Contains(all, p.T("habits."+h+".title", nil)) {
			t.Errorf("good habits lack %s", h)
		}
	}
}

// An unknown check says so in the person's language; what the system said
// is under Details, labelled as technical.
func TestStatusViewUnknownReason(t *testing.T) {
	test.NewTempApp(t)
	for _, lang := range []string{"en", "ja"} {
		p := printer(t, lang)
		r := monitor.Unknownf("idle-power", "no desktop session found")
		r.CheckID = "idle-power"
		doc := report.Build([]monitor.Result{r}, p, report.App{Name: "Mamori"}, time.Now())
		view := StatusView(p, &doc, "idle-power", StatusActions{})
		test.NewTempWindow(t, view).Resize(fyne.NewSize(700, 900))
		all := strings.Join(texts(view), "\n")
		finding := p.T("finding.unknown", nil)
		if !strings.Contains(all, finding) || strings.Contains(finding, "no desktop") {
			t.Errorf("%s: the finding %q is not the catalogue's alone", lang, finding)
		}
		if !strings.Contains(all, p.T("window.technical", nil)+"\n"+technical+"no desktop session found") {
			t.Errorf("%s: no technical detail under Details:\n%s", lang, all)
		}
	}
}

func TestStatusViewJapaneseAndNotRunning(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "ja")
	all := strings.Join(texts(StatusView(p, sampleDoc(p), "", StatusActions{})), "\n")
	for _, want := range []string{"#画面ロック", "要対応", "画面の自動ロックをオンに", "よい習慣", "[今すぐ確認]"} {
		if !strings.Contains(all, want) {
			t.Errorf("ja status window lacks %q", want)
		}
	}
	none := strings.Join(texts(StatusView(p, nil, "", StatusActions{})), "\n")
	if !strings.Contains(none, "Mamori が動いていない") {
		t.Errorf("without the agent: %q", none)
	}
}

// TestNotRunningView: the title reads on one line (it wrapped after every
// letter in a horizontal box), and Start starts the agent.
func TestNotRunningView(t *testing.T) {
	test.NewTempApp(t)
	for _, lang := range []string{"en", "ja"} {
		p := printer(t, lang)
		started := false
		view := StatusView(p, nil, "", StatusActions{StartAgent: func() { started = true }})
		w := test.NewWindow(view)
		w.Resize(fyne.NewSize(480, 300))
		title := p.T("window.status.title", nil)
		for _, obj := range test.LaidOutObjects(view) {
			if l, ok := obj.(*widget.Label); ok && l.Text == title {
				line := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{Bold: true}).Height
				if l.Size().Height > 3*line || l.Size().Width < fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width {
					t.Errorf("%s: the title is laid out %v, not on one line", lang, l.Size())
				}
			}
		}
		test.Tap(button(t, view, p.T("window.start-agent", nil)))
		if !started {
			t.Errorf("%s: Start did not start the agent", lang)
		}
		w.Close()
	}
}

func TestSettingsView(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "en")
	st := config.Defaults()
	st.TrustedNetworks = []config.TrustedNetwork{config.NewTrusted([]byte("Hotel-Guest"), "wpa2-personal", ""), config.NewTrusted([]byte("Old"), "open", "")}
	var saved *config.Settings
	view := SettingsView(p, st, []string{"wifi", "screen-lock", "antivirus"}, SettingsActions{
		Save: func(s config.Settings) error { saved = &s; return nil },
		Current: func() (config.TrustedNetwork, error) {
			return config.NewTrusted([]byte("Office"), "wpa3-personal", ""), nil
		},
	})
	w := test.NewTempWindow(t, view)
	w.Resize(fyne.NewSize(700, 900))
	all := strings.Join(texts(view), "\n")
	for _, want := range []string{"☐Wi-Fi", "☐Screen lock", "☐Security software", "☐Show notifications", "☐Start Mamori when I log in", "☐This computer is shared", "“Hotel-Guest” (protected by a password)", "“Old” (no password, not encrypted)", "[Add the current network]"} {
		if !strings.Contains(all, want) {
			t.Errorf("settings window lacks %q", want)
		}
	}
	for _, obj := range test.LaidOutObjects(view) {
		if c, ok := obj.(*widget.Check); ok {
			switch c.Text {
			case "Security software", "Show notifications":
				test.Tap(c) // turn off
			case "No notifications from", "Start Mamori when I log in", "This computer is shared":
				test.Tap(c) // turn on
			}
		}
	}
	// Remove "Old", add the current network.
	var removes []*widget.Button
	for _, obj := range test.LaidOutObjects(view) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Remove" {
			removes = append(removes, b)
		}
	}
	if len(removes) != 2 {
		t.Fatalf("%d Remove buttons", len(removes))
	}
	test.Tap(removes[1])
	test.Tap(button(t, view, "Add the current network"))
	// AnyDesk, used on purpose.
	for _, obj := range test.LaidOutObjects(view) {
		if sel, ok := obj.(*widget.Select); ok && sel.PlaceHolder == "Choose a tool" {
			sel.SetSelected("AnyDesk")
		}
	}
	test.Tap(button(t, view, "Add"))
	test.Tap(button(t, view, "Save"))
	if saved == nil {
		t.Fatal("Save did not hand over the settings")
	}
	if saved.Enabled("antivirus") || !saved.Enabled("wifi") || saved.Notifications || !saved.QuietHours.Enabled || !saved.StartAtLogin || !saved.SharedComputer {
		t.Errorf("saved %+v", *saved)
	}
	var names []string
	for _, n := range saved.TrustedNetworks {
		names = append(names, n.SSID)
	}
	if !slices.Equal(names, []string{"Hotel-Guest", "Office"}) {
		t.Errorf("trusted %v", names)
	}
	if !slices.Equal(saved.ExpectedRemoteTools, []string{"anydesk"}) {
		t.Errorf("expected remote tools %v", saved.ExpectedRemoteTools)
	}
	if len(st.TrustedNetworks) != 2 || st.Enabled("antivirus") == false {
		t.Error("the view changed the settings it was given")
	}
	if !strings.Contains(strings.Join(texts(view), "\n"), "Saved.") {
		t.Error("no confirmation after saving")
	}
}

func TestSettingsViewSaveError(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "en")
	view := SettingsView(p, config.Defaults(), nil, SettingsActions{Save: func(config.Settings) error { return errors.New("disk full") }})
	test.NewTempWindow(t, view)
	test.Tap(button(t, view, "Save"))
	shown := strings.Join(texts(view), "\n")
	if !strings.Contains(shown, "Mamori could not save the settings.") || !strings.Contains(shown, "Technical details (for whoever helps you): disk full") {
		t.Errorf("a failed save was not reported, with the error for whoever helps: %q", shown)
	}
}

// visibleParents reports whether every container above o in root is shown.
func visibleParents(root fyne.CanvasObject, o fyne.CanvasObject) bool {
	var walk func(n fyne.CanvasObject, hidden bool) (bool, bool)
	walk = func(n fyne.CanvasObject, hidden bool) (found, visible bool) {
		hidden = hidden || !n.Visible()
		if n == o {
			return true, !hidden
		}
		var kids []fyne.CanvasObject
		switch c := n.(type) {
		case *fyne.Container:
			kids = c.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(c).Objects()
		}
		for _, k := range kids {
			if f, v := walk(k, hidden); f {
				return true, v
			}
		}
		return false, false
	}
	_, v := walk(root, false)
	return v
}

// TestAddCurrentNetworkWithoutOne: with no Wi-Fi, or no connection, "Add
// the current network" is off and says why in the person's language, with
// no English from the Wi-Fi layer (it showed "no system bus; from the
// kernel: …" in the Japanese window).
func TestAddCurrentNetworkWithoutOne(t *testing.T) {
	test.NewTempApp(t)
	for _, tt := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("no system bus; from the kernel: %w", wifi.ErrNoDevice), "Wi-Fi がないため"},
		{wifi.ErrNotConnected, "つながっていない"},
		{errors.New("netlink: permission denied"), "読み取れません"},
	} {
		p := printer(t, "ja")
		view := SettingsView(p, config.Defaults(), []string{"wifi"}, SettingsActions{
			Save:    func(config.Settings) error { return nil },
			Current: func() (config.TrustedNetwork, error) { return config.TrustedNetwork{}, tt.err },
		})
		add := button(t, view, p.T("settings.trusted.add", nil))
		all := strings.Join(texts(view), "\n")
		if !add.Disabled() || !strings.Contains(all, tt.want) || strings.Contains(all, "system bus") || strings.Contains(all, "netlink") {
			t.Errorf("%v: button disabled %v, window says %q", tt.err, add.Disabled(), all)
		}
	}
}

// The power fix's values read as words: an action by its name, a timeout
// of 0 as never.
func TestPlanTextPower(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"• When idle and plugged in: do nothing → sleep", "• Sleep on battery after: never → 30 minutes", "• Lock the screen when waking from sleep: off → on", "• Sleep when plugged in after: never → 30 minutes"},
		"ja": {"• 電源接続時に使っていないとき：何もしない → スリープ", "• バッテリー動作時にスリープするまで：なし → 30分"},
	} {
		p := printer(t, lang)
		got := planText(p, fix.Plan{Check: "idle-power", Changes: []fix.Change{
			{Key: "sleep-inactive-ac-type", From: "'nothing'", To: "'suspend'", Kind: fix.Action, Text: "fix.sleep-ac-action"},
			{Key: "sleep-inactive-battery-timeout", From: "0", To: "1800", Kind: fix.Seconds, Never: true, Text: "fix.sleep-battery-after"},
			{Key: "lock-enabled", From: "false", To: "true", Kind: fix.Switch, Text: "fix.lock-on-wake"},
			// Xfce's power manager: an unset property is its default, never.
			{Tool: fix.Xfconf, Key: "/xfce4-power-manager/inactivity-on-ac", From: "", FromShown: "0", To: "30", Kind: fix.Minutes, Never: true, Text: "fix.sleep-ac-after"},
		}})
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: plan text lacks %q:\n%s", lang, w, got)
			}
		}
	}
}

// A notification's Fix it opens the window asking at once, with the same
// plan text as the button; nothing to change asks nothing.
func TestOfferFix(t *testing.T) {
	p := printer(t, "en")
	plan := fix.Plan{Check: "screen-lock", Changes: []fix.Change{{Key: "lock-enabled", From: "false", To: "true", Kind: fix.Switch, Text: "fix.lock-enabled"}}}
	var asked []string
	applied := 0
	act := StatusActions{
		Fix: func(id string) (fix.Plan, bool) {
			if id == "screen-lock" {
				return plan, true
			}
			return fix.Plan{}, false
		},
		ApplyFix: func(fix.Plan) error { applied++; return nil },
		Confirm:  func(title, message string, ok func()) { asked = append(asked, title+": "+message); ok() },
	}
	if !OfferFix(p, "screen-lock", act) || len(asked) != 1 || applied != 1 {
		t.Fatalf("asked %q, applied %d", asked, applied)
	}
	if !strings.Contains(asked[0], "Change these settings?: • Lock the screen when idle: off → on") {
		t.Errorf("asked %q", asked[0])
	}
	if OfferFix(p, "os-updates", act) || len(asked) != 1 {
		t.Errorf("asked for a check with no fix: %q", asked)
	}
}

// TestEveryHabitIsShown: a good habit written in the catalogues appears in
// the status window.
func TestEveryHabitIsShown(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Keys("en") {
		if id, ok := strings.CutPrefix(k, "habits."); ok && strings.HasSuffix(id, ".title") {
			if id = strings.TrimSuffix(id, ".title"); !slices.Contains(Habits, id) {
				t.Errorf("the habit %q is in the catalogues but not in Habits, so the status window never shows it", id)
			}
		}
	}
}

// TestSettingsViewSharedComputer: the window shows the person's answer to
// "This computer is shared", with what it changes, in each language, and
// saves the answer they give.
func TestSettingsViewSharedComputer(t *testing.T) {
	test.NewTempApp(t)
	for _, tt := range []struct{ lang, label, explain string }{
		{"en", "This computer is shared", "warns about passwords saved in its browsers"},
		{"ja", "このパソコンはほかの人と共用している", "ブラウザーに保存されたパスワードについてお知らせします"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			st := config.Defaults()
			st.SharedComputer = true
			var saved *config.Settings
			view := SettingsView(printer(t, tt.lang), st, nil, SettingsActions{Save: func(s config.Settings) error { saved = &s; return nil }})
			test.NewTempWindow(t, view)
			if all := strings.Join(texts(view), "\n"); !strings.Contains(all, tt.explain) {
				t.Errorf("no explanation %q in %s", tt.explain, all)
			}
			var box *widget.Check
			for _, obj := range test.LaidOutObjects(view) {
				if c, ok := obj.(*widget.Check); ok && c.Text == tt.label {
					box = c
				}
			}
			if box == nil || !box.Checked {
				t.Fatalf("no ticked %q", tt.label)
			}
			test.Tap(box)
			test.Tap(button(t, view, printer(t, tt.lang).T("settings.save", nil)))
			if saved == nil || saved.SharedComputer {
				t.Errorf("saved %+v", saved)
			}
		})
	}
}

// TestStatusViewEvidence: what a finding refers to is under its Details,
// below the technical heading, in both languages: the files a
// password-files finding names, escaped once and bounded, selectable so
// whoever helps can copy them; the button is called what the findings
// call it ("see Details", 「詳細」を参照). A check that is fine has
// Details only when it saw something.
func TestStatusViewEvidence(t *testing.T) {
	test.NewTempApp(t)
	for _, tt := range []struct{ lang, details, heading string }{
		{"en", "Details", "Technical details (for whoever helps you)"},
		{"ja", "詳細", "技術的な詳細（パソコンのことで相談できる方向け）"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			p := printer(t, tt.lang)
			if got := p.T("window.details", nil); got != tt.details {
				t.Fatalf("the button is %q, the findings point to %q", got, tt.details)
			}
			files := monitor.Result{CheckID: "password-files", Status: monitor.Warn, Advice: "password-files",
				Finding: monitor.T("finding.password-files.found", "Names", []string{"pass.txt"}, "Count", 40)}
			files.Add("entries-looked-at", 523)
			files.Add("file", "/home/u/Desktop/\u202Etxt.exe\x1b[31m<b>口座</b>.txt")
			for i := range 39 {
				files.Add("file", fmt.Sprintf("/home/u/Documents/pass%02d.txt", i))
			}
			remote := monitor.Result{CheckID: "remote-control", Status: monitor.OK, Advice: "remote-control",
				Finding: monitor.T("finding.remote-control.ok-local", "Count", 1)}
			remote.Add("listening-locally", "127.0.0.1:5900 (x11vnc)")
			av := monitor.Result{CheckID: "antivirus", Status: monitor.OK, Advice: "antivirus", Finding: monitor.T("finding.antivirus.ok-unchecked", "Products", "ClamAV")}
			doc := report.Build([]monitor.Result{files, remote, av}, p, report.App{Name: "Mamori"}, time.Now())
			view := StatusView(p, &doc, "", StatusActions{})
			test.NewTempWindow(t, view).Resize(fyne.NewSize(700, 900))

			var buttons []*widget.Button
			for _, obj := range test.LaidOutObjects(view) {
				if b, ok := obj.(*widget.Button); ok && b.Text == tt.details {
					buttons = append(buttons, b)
				}
			}
			if len(buttons) != 2 { // password files and remote control; antivirus saw nothing to show
				t.Fatalf("%d Details buttons, want 2: %v", len(buttons), texts(view))
			}
			var labels []*widget.Label
			for _, obj := range test.LaidOutObjects(view) {
				if l, ok := obj.(*widget.Label); ok && l.Selectable {
					labels = append(labels, l)
				}
			}
			if len(labels) != 2 {
				t.Fatalf("%d evidence labels, want 2", len(labels))
			}
			if labels[0].Visible() && visibleParents(view, labels[0]) {
				t.Error("the evidence shows before Details is opened")
			}
			test.Tap(buttons[0])
			if !visibleParents(view, labels[0]) {
				t.Error("Details did not open the evidence")
			}
			all := strings.Join(texts(view), "\n")
			if !strings.Contains(all, tt.heading+"\n"+technical+"entries-looked-at: 523\nfile: /home/u/Desktop/\\u202Etxt.exe\\u001B[31m<b>口座</b>.txt\nfile: /home/u/Documents/pass00.txt\n") {
				t.Errorf("the evidence is not under %q as expected:\n%s", tt.heading, all)
			}
			if !strings.Contains(all, tt.heading+"\n"+technical+"listening-locally: 127.0.0.1:5900 (x11vnc)") {
				t.Errorf("the fine remote-control check's evidence is missing:\n%s", all)
			}
			lines := strings.Split(labels[0].Text, "\n")
			more := map[string]string{"en": "… and 3 more", "ja": "…ほか3件"}[tt.lang]
			if len(lines) != report.MaxEvidenceLines || lines[len(lines)-1] != more {
				t.Errorf("%d lines, the last %q: want %d, counting the 3 left out", len(lines), lines[len(lines)-1], report.MaxEvidenceLines)
			}
			if strings.ContainsAny(labels[0].Text, "\u202E\x1b") || strings.Contains(labels[0].Text, `\\u202E`) {
				t.Errorf("not escaped exactly once: %q", labels[0].Text)
			}
		})
	}
}
