package tray

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
)

var procSendMessage = user32.NewProc("SendMessageW")

// The tray icon runs on its own thread with its messages pumped (a left
// click reaches the agent), and its balloon shows a notification and
// reports a click on it as the notification's default action, with the
// data it carried. Wine's shell shows balloons but reports no click on
// them, so the click is sent the way Windows' shell sends it: the icon's
// callback message, with NIN_BALLOONUSERCLICK.
func TestBalloonWindows(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("runs as a Windows program: scripts/wine-test, or on Windows")
	}
	events := make(chan Event, 8)
	s := &Systray{Slots: 2, Events: events}
	b := &Balloons{Tray: s}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	// Notifications that come before the icon (at sign-in, before the
	// shell's taskbar) wait for it, the newest only; one withdrawn
	// meanwhile is dropped. (One icon a process: fyne.io/systray runs
	// once.)
	// A warning waits; a critical finding of another check takes its
	// place; a warning after it cannot wait (ErrIconNotYet: the announcer
	// tells it later) and does not displace it.
	if err := b.Show(ctx, notify.Message{Key: "firewall", Summary: "firewall", Body: "firewall", Urgency: notify.Normal}); err != nil {
		t.Fatalf("Show before the icon: %v", err)
	}
	if err := b.Show(ctx, notify.Message{Key: "screen-lock", Summary: "screen-lock", Body: "screen-lock", Urgency: notify.Critical}); err != nil {
		t.Fatalf("Show before the icon: %v", err)
	}
	if err := b.Show(ctx, notify.Message{Key: "wifi", Summary: "wifi", Body: "wifi", Urgency: notify.Normal}); err != ErrIconNotYet {
		t.Fatalf("a warning while a critical one waits: %v, want ErrIconNotYet", err)
	}
	if err := b.Withdraw(ctx, "screen-lock"); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	held, shownEarly := b.held, b.shown
	b.mu.Unlock()
	if held != nil || shownEarly != nil {
		t.Fatalf("after the held one was withdrawn: held %+v, shown %+v", held, shownEarly)
	}
	if err := b.Show(ctx, notify.Message{Key: "antivirus", Summary: "antivirus", Body: "antivirus", Urgency: notify.Critical}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	defer s.Stop()
	select {
	case <-s.Ready():
	case <-time.After(20 * time.Second):
		t.Fatal("the tray icon did not appear")
	}
	shown := func() string {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.shown == nil {
			return ""
		}
		return b.shown.Key
	}
	for shown() == "" && ctx.Err() == nil {
		time.Sleep(50 * time.Millisecond)
	}
	if got := shown(); got != "antivirus" {
		t.Errorf("when the icon came, the balloon shown was %q, want the one held (antivirus)", got)
	}
	clicks := make(chan notify.Invoked, 1)
	go b.Listen(ctx, func(inv notify.Invoked) { clicks <- inv })

	m := notify.Message{Key: "wifi", Summary: "Open Wi-Fi", Body: strings.Repeat("ネットワーク ", 60), Urgency: notify.Critical, Network: &monitor.WiFiNetwork{SSID: []byte("cafe"), Security: "open"}}
	if err := b.Show(ctx, m); err != nil {
		t.Fatalf("Show: %v", err)
	}
	send := func(event uintptr) {
		procSendMessage.Call(uintptr(b.hwnd), trayMessage, trayIconID, event)
	}
	send(ninBalloonUserClik)
	select {
	case inv := <-clicks:
		if inv.Key != "wifi" || inv.Action != notify.ActionDetails || inv.Network == nil || string(inv.Network.SSID) != "cafe" {
			t.Errorf("a click on the balloon gave %+v", inv)
		}
	case <-ctx.Done():
		t.Fatal("a click on the balloon was not reported")
	}
	// A click on a balloon that timed out is not reported.
	if err := b.Show(ctx, m); err != nil {
		t.Fatal(err)
	}
	send(ninBalloonTimeout)
	send(ninBalloonUserClik)
	select {
	case inv := <-clicks:
		t.Errorf("a click after the balloon went was reported: %+v", inv)
	case <-time.After(200 * time.Millisecond):
	}
	if err := b.Withdraw(ctx, "wifi"); err != nil {
		t.Errorf("Withdraw: %v", err)
	}

	// A left click on the icon opens the status window: the library's
	// window got the message on the thread that pumps it.
	const wmLButtonUp = 0x0202
	send(wmLButtonUp)
	select {
	case e := <-events:
		if e.Kind != OpenStatus {
			t.Errorf("a left click gave %+v", e)
		}
	case <-time.After(5 * time.Second):
		t.Error("a left click on the icon reached nobody")
	}
}

// Long texts are cut to the balloon's fields at a whole character, marked.
func TestFitWindows(t *testing.T) {
	var title [64]uint16
	fit(title[:], strings.Repeat("a", 62)+"😀") // the emoji is a pair at 62-63
	got := string(utf16.Decode(title[:]))
	got = got[:strings.IndexByte(got, 0)]
	if want := strings.Repeat("a", 62) + "…"; got != want {
		t.Errorf("fit = %q, want %q", got, want)
	}
	fit(title[:], "short")
	if windows.UTF16ToString(title[:]) != "short" {
		t.Errorf("fit short = %q", windows.UTF16ToString(title[:]))
	}
}

// The shell's notification area is found and answers (Wine's explorer
// makes Shell_TrayWnd as Windows' does), so the icon is not held back.
func TestShellTrayWindows(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("runs as a Windows program: scripts/wine-test, or on Windows")
	}
	deadline := time.Now().Add(20 * time.Second)
	for !shellTray() {
		if time.Now().After(deadline) {
			t.Fatal("the shell's taskbar window (Shell_TrayWnd) was not found, or did not answer")
		}
		time.Sleep(shellPoll)
	}
}
