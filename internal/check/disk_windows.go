package check

import (
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"unsafe"

	"github.com/go-ole/go-ole"
	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
)

var (
	procPSGetPropertyKeyFromName          = windows.NewLazySystemDLL("propsys.dll").NewProc("PSGetPropertyKeyFromName")
	procSHGetPropertyStoreFromParsingName = windows.NewLazySystemDLL("shell32.dll").NewProc("SHGetPropertyStoreFromParsingName")
	procPropVariantClear                  = windows.NewLazySystemDLL("ole32.dll").NewProc("PropVariantClear")

	iidIPropertyStore = ole.NewGUID("{886D8EEB-8CF2-4446-8D02-CDBA1DBDCF99}")
)

// readDisks asks the shell for the system drive's
// System.Volume.BitLockerProtection, the property Explorer shows its
// padlock from: unlike BitLocker's WMI class and manage-bde, it needs no
// administrator rights.
func readDisks(host.System) (diskFacts, error) {
	dir, err := windows.GetSystemWindowsDirectory()
	if err != nil {
		return diskFacts{}, err
	}
	drive := filepath.VolumeName(dir) + `\`
	var v int
	err = withCOM(ole.COINIT_APARTMENTTHREADED, "the shell's answer", func() (err error) {
		v, err = readShellProperty(drive, "System.Volume.BitLockerProtection")
		return err
	})
	if err != nil {
		d := diskState{What: "/", Source: drive, Scheme: "BitLocker", Why: err.Error()}
		return diskFacts{Root: d}, nil
	}
	return diskFacts{Root: bitLockerState(drive, v)}, nil
}

// propertyKey is PROPERTYKEY (wtypes.h).
type propertyKey struct {
	Fmtid ole.GUID
	Pid   uint32
}

// propVariant is PROPVARIANT as far as an integer value needs it: the
// type, three reserved words, and the value's 16 bytes.
type propVariant struct {
	VT        uint16
	_         [3]uint16
	Val, Val2 uint64
}

// readShellProperty: failures are given as the calls' HRESULTs (data, in
// every language), not Windows' messages.
func readShellProperty(drive, name string) (int, error) {
	var key propertyKey
	pname, _ := windows.UTF16PtrFromString(name)
	if hr, _, _ := procPSGetPropertyKeyFromName.Call(uintptr(unsafe.Pointer(pname)), uintptr(unsafe.Pointer(&key))); hr != 0 {
		return 0, fmt.Errorf("PSGetPropertyKeyFromName %s: HRESULT %#x", name, uint32(hr))
	}
	pdrive, _ := windows.UTF16PtrFromString(drive)
	var store *ole.IUnknown
	if hr, _, _ := procSHGetPropertyStoreFromParsingName.Call(uintptr(unsafe.Pointer(pdrive)), 0, 0,
		uintptr(unsafe.Pointer(iidIPropertyStore)), uintptr(unsafe.Pointer(&store))); hr != 0 {
		return 0, fmt.Errorf("SHGetPropertyStoreFromParsingName %s: HRESULT %#x", drive, uint32(hr))
	}
	defer store.Release()
	// IPropertyStore's methods after IUnknown's three: GetCount, GetAt,
	// GetValue.
	const getValue = 5
	vtbl := (*[8]uintptr)(unsafe.Pointer(store.RawVTable))
	var pv propVariant
	hr, _, _ := syscall.SyscallN(vtbl[getValue], uintptr(unsafe.Pointer(store)), uintptr(unsafe.Pointer(&key)), uintptr(unsafe.Pointer(&pv)))
	defer procPropVariantClear.Call(uintptr(unsafe.Pointer(&pv)))
	if hr != 0 {
		return 0, fmt.Errorf("IPropertyStore.GetValue %s %s: HRESULT %#x", drive, name, uint32(hr))
	}
	return propVariantInt(pv.VT, pv.Val)
}

// propVariantInt reads the integer types a shell property holds.
func propVariantInt(vt uint16, val uint64) (int, error) {
	switch vt {
	case 2: // VT_I2
		return int(int16(val)), nil
	case 17, 18: // VT_UI1, VT_UI2
		return int(uint16(val)), nil
	case 3, 22: // VT_I4, VT_INT
		return int(int32(val)), nil
	case 19, 23: // VT_UI4, VT_UINT
		return int(uint32(val)), nil
	case 0: // VT_EMPTY
		return 0, errors.New("VT_EMPTY")
	}
	return 0, fmt.Errorf("VARTYPE %d", vt)
}
