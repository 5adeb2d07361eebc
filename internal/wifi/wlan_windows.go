package wifi

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// WLAN reads Wi-Fi through Windows' Native Wifi API (wlanapi.dll): the
// current connection of each interface, the saved profiles, and the
// connection events.
type WLAN struct{}

var (
	wlanapi                  = windows.NewLazySystemDLL("wlanapi.dll")
	procWlanOpenHandle       = wlanapi.NewProc("WlanOpenHandle")
	procWlanCloseHandle      = wlanapi.NewProc("WlanCloseHandle")
	procWlanEnumInterfaces   = wlanapi.NewProc("WlanEnumInterfaces")
	procWlanQueryInterface   = wlanapi.NewProc("WlanQueryInterface")
	procWlanGetProfileList   = wlanapi.NewProc("WlanGetProfileList")
	procWlanGetProfile       = wlanapi.NewProc("WlanGetProfile")
	procWlanFreeMemory       = wlanapi.NewProc("WlanFreeMemory")
	procWlanRegisterNotifier = wlanapi.NewProc("WlanRegisterNotification")
)

const (
	wlanClientVersion        = 2 // Windows Vista and later
	opcodeCurrentConnection  = 7 // wlan_intf_opcode_current_connection
	interfaceInfoSize        = 532
	profileInfoSize          = 516
	listHeader               = 8
	notificationSourceACM    = 0x08
	acmConnectionComplete    = 10
	acmDisconnected          = 21
	acmConnectionAttemptFail = 11
	acmInterfaceArrival      = 13
	acmInterfaceRemoval      = 14
	acmProfileChange         = 15 // wlan_notification_acm_profile_change
	acmProfilesExhausted     = 17
)

func wlanErr(op string, r uintptr) error {
	if r == 0 {
		return nil
	}
	return fmt.Errorf("%s: %w", op, windows.Errno(r))
}

// open opens a client handle; close it with closeWLAN.
func openWLAN() (windows.Handle, error) {
	if err := wlanapi.Load(); err != nil {
		return 0, fmt.Errorf("the WLAN API is missing (%v): %w", err, ErrNoDevice)
	}
	var version uint32
	var h windows.Handle
	r, _, _ := procWlanOpenHandle.Call(wlanClientVersion, 0, uintptr(unsafe.Pointer(&version)), uintptr(unsafe.Pointer(&h)))
	if errors.Is(windows.Errno(r), windows.ERROR_SERVICE_NOT_ACTIVE) {
		// The WLAN AutoConfig service runs wherever there is Wi-Fi.
		return 0, fmt.Errorf("WLAN AutoConfig is not running: %w", ErrNoDevice)
	}
	if err := wlanErr("WlanOpenHandle", r); err != nil {
		return 0, err
	}
	return h, nil
}

func closeWLAN(h windows.Handle) { procWlanCloseHandle.Call(uintptr(h), 0) }

type wlanInterface struct {
	guid        windows.GUID
	description string
	state       uint32
}

func interfaces(h windows.Handle) ([]wlanInterface, error) {
	var list unsafe.Pointer
	if err := wlanErr("WlanEnumInterfaces", callR(procWlanEnumInterfaces, uintptr(h), 0, uintptr(unsafe.Pointer(&list)))); err != nil {
		return nil, err
	}
	defer procWlanFreeMemory.Call(uintptr(list))
	n := *(*uint32)(list)
	var out []wlanInterface
	for i := range uintptr(n) {
		b := unsafe.Slice((*byte)(unsafe.Add(list, listHeader+i*interfaceInfoSize)), interfaceInfoSize)
		out = append(out, wlanInterface{
			guid:        *(*windows.GUID)(unsafe.Pointer(&b[0])),
			description: utf16Field(b[16:528]),
			state:       *(*uint32)(unsafe.Pointer(&b[528])),
		})
	}
	return out, nil
}

func callR(p *windows.LazyProc, args ...uintptr) uintptr {
	r, _, _ := p.Call(args...)
	return r
}

// Current returns the connection of the first connected interface.
func (*WLAN) Current(ctx context.Context) (Connection, error) {
	h, err := openWLAN()
	if err != nil {
		return Connection{}, err
	}
	defer closeWLAN(h)
	ifaces, err := interfaces(h)
	if err != nil {
		return Connection{}, err
	}
	if len(ifaces) == 0 {
		return Connection{}, fmt.Errorf("the WLAN API lists no interface: %w", ErrNoDevice)
	}
	for _, in := range ifaces {
		if in.state != stateConnectd {
			continue
		}
		var size uint32
		var data unsafe.Pointer
		r := callR(procWlanQueryInterface, uintptr(h), uintptr(unsafe.Pointer(&in.guid)), opcodeCurrentConnection, 0,
			uintptr(unsafe.Pointer(&size)), uintptr(unsafe.Pointer(&data)), 0)
		var b []byte
		if r == 0 {
			b = append([]byte(nil), unsafe.Slice((*byte)(data), size)...)
			procWlanFreeMemory.Call(uintptr(data))
		}
		return queryConnection(uint32(r), b, in.description)
	}
	return Connection{}, ErrNotConnected
}

// Saved lists the saved profiles of every interface.
func (*WLAN) Saved(ctx context.Context) ([]SavedNetwork, error) {
	h, err := openWLAN()
	if err != nil {
		return nil, err
	}
	defer closeWLAN(h)
	ifaces, err := interfaces(h)
	if err != nil {
		return nil, err
	}
	var out []SavedNetwork
	for _, in := range ifaces {
		var list unsafe.Pointer
		if err := wlanErr("WlanGetProfileList", callR(procWlanGetProfileList, uintptr(h), uintptr(unsafe.Pointer(&in.guid)), 0, uintptr(unsafe.Pointer(&list)))); err != nil {
			return nil, err
		}
		n := *(*uint32)(list)
		var names []string
		for i := range uintptr(n) {
			b := unsafe.Slice((*byte)(unsafe.Add(list, listHeader+i*profileInfoSize)), profileInfoSize)
			names = append(names, utf16Field(b[:512]))
		}
		procWlanFreeMemory.Call(uintptr(list))
		for _, name := range names {
			p, err := windows.UTF16PtrFromString(name)
			if err != nil {
				continue
			}
			var xmlp *uint16
			var flags, access uint32
			r := callR(procWlanGetProfile, uintptr(h), uintptr(unsafe.Pointer(&in.guid)), uintptr(unsafe.Pointer(p)), 0,
				uintptr(unsafe.Pointer(&xmlp)), uintptr(unsafe.Pointer(&flags)), uintptr(unsafe.Pointer(&access)))
			if err := wlanErr("WlanGetProfile", r); err != nil {
				return nil, err
			}
			doc := windows.UTF16PtrToString(xmlp)
			procWlanFreeMemory.Call(uintptr(unsafe.Pointer(xmlp)))
			if s, err := decodeProfile(doc); err == nil {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// Watch calls changed when Windows connects, disconnects, or an interface
// or profile comes or goes, until ctx is done.
func (*WLAN) Watch(ctx context.Context, ready, changed func()) error {
	h, err := openWLAN()
	if err != nil {
		return err
	}
	defer closeWLAN(h)
	events := make(chan struct{}, 1)
	id := watchers.add(events)
	defer watchers.remove(id)
	r := callR(procWlanRegisterNotifier, uintptr(h), notificationSourceACM, 0, wlanCallback, id, 0, 0)
	if err := wlanErr("WlanRegisterNotification", r); err != nil {
		return err
	}
	ready()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-events:
			changed()
		}
	}
}

// The notification callback is one for the process (Go makes a limited
// number of callbacks); its context argument says which watcher it is for.
var (
	watchers     = watcherSet{m: map[uintptr]chan struct{}{}}
	wlanCallback = windows.NewCallback(func(data *wlanNotificationData, id uintptr) uintptr {
		if data.Source == notificationSourceACM {
			switch data.Code {
			case acmConnectionComplete, acmDisconnected, acmConnectionAttemptFail, acmInterfaceArrival,
				acmInterfaceRemoval, acmProfileChange, acmProfilesExhausted:
				watchers.signal(id)
			}
		}
		return 0
	})
)

// wlanNotificationData is the start of WLAN_NOTIFICATION_DATA.
type wlanNotificationData struct {
	Source uint32
	Code   uint32
}

type watcherSet struct {
	mu   sync.Mutex
	next uintptr
	m    map[uintptr]chan struct{}
}

func (w *watcherSet) add(c chan struct{}) uintptr {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.next++
	w.m[w.next] = c
	return w.next
}

func (w *watcherSet) remove(id uintptr) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.m, id)
}

func (w *watcherSet) signal(id uintptr) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if c, ok := w.m[id]; ok {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

func native() Native { return &WLAN{} }
