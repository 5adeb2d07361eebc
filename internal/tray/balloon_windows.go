package tray

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"unicode/utf16"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/notify/msg"
)

// Balloons shows notifications as the tray icon's own balloon
// (Shell_NotifyIcon with NIF_INFO): Windows 10 and 11 show it as a toast in
// the notification centre, Windows 7 as a balloon over the icon, Wine as a
// balloon by its tray. It needs no PowerShell, no shortcut and no
// AppUserModelID. Clicking it is reported as the notification's default
// action (the status window at that check); a balloon has no buttons, so
// Snooze, Trust and Fix it stay in the tray menu and the window.
type Balloons struct {
	// Tray is the icon the balloons come from.
	Tray *Systray
	// Log has what goes wrong with a balloon shown late; nil writes
	// nothing.
	Log *logfmt.Logger

	mu      sync.Mutex
	hwnd    windows.HWND
	oldProc uintptr
	shown   *msg.Message // the balloon on screen, if any
	held    *msg.Message // the newest one waiting for the icon
	holding bool         // showWhenReady is waiting
	clicks  chan msg.Invoked
}

// What fyne.io/systray gives its icon: a hidden window of this class, icon
// ID 100, clicks reported as WM_USER+1 with the event in lParam (no
// NOTIFYICON_VERSION set). Held by TestBalloonWindows against the library.
const (
	trayClass   = "SystrayClass"
	trayIconID  = 100
	trayMessage = 0x0400 + 1
)

// Shell_NotifyIcon's messages, flags and the balloon events.
const (
	nimModify          = 0x1
	nifInfo            = 0x10
	niifInfo           = 0x1
	niifWarning        = 0x2
	niifError          = 0x3
	niifRespectQuiet   = 0x80
	ninBalloonHide     = 0x0400 + 3
	ninBalloonTimeout  = 0x0400 + 4
	ninBalloonUserClik = 0x0400 + 5
)

// notifyIconData is NOTIFYICONDATAW.
type notifyIconData struct {
	Size             uint32
	Wnd              windows.HWND
	ID, Flags        uint32
	CallbackMessage  uint32
	Icon             windows.Handle
	Tip              [128]uint16
	State, StateMask uint32
	Info             [256]uint16
	Timeout          uint32
	InfoTitle        [64]uint16
	InfoFlags        uint32
	GUID             windows.GUID
	BalloonIcon      windows.Handle
}

var (
	shell32              = windows.NewLazySystemDLL("shell32.dll")
	user32               = windows.NewLazySystemDLL("user32.dll")
	procShellNotifyIcon  = shell32.NewProc("Shell_NotifyIconW")
	procFindWindowEx     = user32.NewProc("FindWindowExW")
	procSetWindowLongPtr = user32.NewProc("SetWindowLongPtrW")
	procCallWindowProc   = user32.NewProc("CallWindowProcW")
)

const gwlpWndProc = ^uintptr(3) // GWLP_WNDPROC, -4

// Show puts m in the tray icon's balloon, replacing the one shown. Before
// the icon is there (at sign-in, until the shell's taskbar is up) one
// message waits for it and shows when it comes: a finding is told once, so
// it must not be lost to a slow shell. The one that waits is the most
// urgent (a newer one of the same check replaces it; a less urgent one a
// critical finding displaces is not told separately, the tray showing every
// finding once it is there); a message that
// cannot wait gets ErrIconNotYet, which the announcer takes as not told
// and tries again with a later run.
func (b *Balloons) Show(ctx context.Context, m msg.Message) error {
	select {
	case <-b.Tray.Ready():
	default:
		b.mu.Lock()
		if b.held != nil && b.held.Key != m.Key && b.held.Urgency >= m.Urgency {
			b.mu.Unlock()
			return ErrIconNotYet
		}
		first := !b.holding
		b.held, b.holding = &m, true
		b.mu.Unlock()
		if first {
			go b.showWhenReady()
		}
		return nil
	}
	return b.show(ctx, m)
}

// ErrIconNotYet means a notification came before the tray icon while a
// more urgent one already waits for it.
var ErrIconNotYet = errors.New("the tray icon is not there yet, and a more urgent notification waits for it")

// showWhenReady shows the message held for the icon once it is there.
func (b *Balloons) showWhenReady() {
	<-b.Tray.Ready()
	b.mu.Lock()
	m := b.held
	b.held, b.holding = nil, false
	b.mu.Unlock()
	if m == nil {
		return // withdrawn meanwhile
	}
	if err := b.show(context.Background(), *m); err != nil {
		b.Log.Warn("could not show a notification", "check", m.Key, "err", err)
	}
}

func (b *Balloons) show(ctx context.Context, m msg.Message) error {
	// The lock is not held across Shell_NotifyIcon: the shell may send the
	// tray window a message meanwhile, and wndProc takes the lock.
	b.mu.Lock()
	err := b.attach()
	b.shown = &m
	hwnd := b.hwnd
	b.mu.Unlock()
	if err != nil {
		return err
	}
	flags := uint32(niifWarning)
	switch m.Urgency {
	case msg.Critical:
		flags = niifError
	case msg.Low:
		flags = niifInfo
	}
	nid := data(hwnd)
	nid.Flags = nifInfo
	// Quiet while the person presents or plays full screen; Critical
	// findings too, as Windows itself holds its own then.
	nid.InfoFlags = flags | niifRespectQuiet
	fit(nid.InfoTitle[:], m.Summary)
	fit(nid.Info[:], m.Body)
	if err := shellNotifyIcon(nimModify, nid); err != nil {
		return fmt.Errorf("showing a balloon: %w", err)
	}
	return nil
}

// Withdraw removes the balloon if it is the one for key.
func (b *Balloons) Withdraw(ctx context.Context, key string) error {
	b.mu.Lock()
	if b.held != nil && b.held.Key == key {
		b.held = nil
	}
	mine := b.shown != nil && b.shown.Key == key
	if mine {
		b.shown = nil
	}
	hwnd := b.hwnd
	b.mu.Unlock()
	if !mine || hwnd == 0 {
		return nil
	}
	nid := data(hwnd)
	nid.Flags = nifInfo // an empty text removes the balloon
	return shellNotifyIcon(nimModify, nid)
}

// Listen calls onAction each time the person clicks a balloon, until ctx
// ends.
func (b *Balloons) Listen(ctx context.Context, onAction func(msg.Invoked)) error {
	c := b.clickChan()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case inv := <-c:
			onAction(inv)
		}
	}
}

func (b *Balloons) clickChan() chan msg.Invoked {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.clicks == nil {
		b.clicks = make(chan msg.Invoked, 1)
	}
	return b.clicks
}

func data(hwnd windows.HWND) *notifyIconData {
	nid := &notifyIconData{Wnd: hwnd, ID: trayIconID}
	nid.Size = uint32(unsafe.Sizeof(*nid))
	return nid
}

// attach finds this process's tray window and hooks its window procedure
// to hear the balloon's events, once.
func (b *Balloons) attach() error {
	if b.hwnd != 0 {
		return nil
	}
	hwnd, err := trayWindow()
	if err != nil {
		return err
	}
	if b.clicks == nil {
		b.clicks = make(chan msg.Invoked, 1)
	}
	old, _, err := procSetWindowLongPtr.Call(uintptr(hwnd), gwlpWndProc, windows.NewCallback(b.wndProc))
	if old == 0 {
		return fmt.Errorf("hooking the tray window: %w", err)
	}
	b.hwnd, b.oldProc = hwnd, old
	return nil
}

// wndProc sees the tray window's messages first, on its thread, and hands
// every one on to the library's.
func (b *Balloons) wndProc(hwnd windows.HWND, message uint32, wParam, lParam uintptr) uintptr {
	if message == trayMessage {
		switch lParam & 0xffff {
		case ninBalloonUserClik:
			b.mu.Lock()
			shown := b.shown
			b.shown = nil
			b.mu.Unlock()
			if shown != nil {
				select {
				case b.clicks <- msg.Invoked{Key: shown.Key, Action: msg.ActionDetails, Network: shown.Network}:
				default: // one click waiting is enough
				}
			}
		case ninBalloonHide, ninBalloonTimeout:
			b.mu.Lock()
			b.shown = nil
			b.mu.Unlock()
		}
	}
	r, _, _ := procCallWindowProc.Call(b.oldProc, uintptr(hwnd), uintptr(message), wParam, lParam)
	return r
}

// trayWindow is the hidden window fyne.io/systray made in this process.
func trayWindow() (windows.HWND, error) {
	class, _ := windows.UTF16PtrFromString(trayClass)
	pid := windows.GetCurrentProcessId()
	var after uintptr
	for {
		h, _, _ := procFindWindowEx.Call(0, after, uintptr(unsafe.Pointer(class)), 0)
		if h == 0 {
			return 0, errors.New("the tray icon is not there (yet)")
		}
		var owner uint32
		windows.GetWindowThreadProcessId(windows.HWND(h), &owner)
		if owner == pid {
			return windows.HWND(h), nil
		}
		after = h
	}
}

func shellNotifyIcon(msg uint32, nid *notifyIconData) error {
	r, _, err := procShellNotifyIcon.Call(uintptr(msg), uintptr(unsafe.Pointer(nid)))
	if r == 0 {
		return err
	}
	return nil
}

// fit copies s into a fixed UTF-16 field with its terminating zero, cut at
// a whole character and marked with "…" when it is too long.
func fit(dst []uint16, s string) {
	u := utf16.Encode([]rune(s))
	if len(u) >= len(dst) {
		n := len(dst) - 2 // room for "…" and the zero
		if n > 0 && utf16.IsSurrogate(rune(u[n-1])) && u[n-1] < 0xdc00 {
			n-- // not half a surrogate pair
		}
		u = append(u[:n:n], '…')
	}
	copy(dst, u)
	dst[len(u)] = 0
}
