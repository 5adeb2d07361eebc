package check

import (
	"context"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
)

var procNetUserEnum = windows.NewLazySystemDLL("netapi32.dll").NewProc("NetUserEnum")

// readAutofill lists the computer's local accounts (NetUserEnum, which
// needs no administrator rights) and the person's browser profiles.
func readAutofill(_ context.Context, sys host.System) (autofillFacts, error) {
	var f autofillFacts
	accounts, err := localAccounts()
	if err != nil {
		return f, err
	}
	f.People, f.Guest = windowsPeople(accounts)
	f.Saved = readSavedLogins(browserDirs(sys))
	return f, nil
}

// userInfo20 is USER_INFO_20 (lmaccess.h).
type userInfo20 struct {
	Name, FullName, Comment *uint16
	Flags, UserID           uint32
}

// localAccounts asks for the normal (not machine or trust) accounts, a
// page at a time.
func localAccounts() ([]winAccount, error) {
	const filterNormalAccount, errorMoreData = 2, 234
	var out []winAccount
	var resume uint32
	for page := 0; page < 100; page++ {
		var buf *byte
		var read, total uint32
		status, _, _ := procNetUserEnum.Call(0, 20, filterNormalAccount, uintptr(unsafe.Pointer(&buf)), 64<<10,
			uintptr(unsafe.Pointer(&read)), uintptr(unsafe.Pointer(&total)), uintptr(unsafe.Pointer(&resume)))
		if status != 0 && status != errorMoreData {
			return nil, fmt.Errorf("NetUserEnum: %w", windows.Errno(status))
		}
		if buf != nil {
			for _, u := range unsafe.Slice((*userInfo20)(unsafe.Pointer(buf)), read) {
				out = append(out, winAccount{Name: windows.UTF16PtrToString(u.Name), Flags: u.Flags, RID: u.UserID})
			}
			windows.NetApiBufferFree(buf)
		}
		if status == 0 {
			return out, nil
		}
	}
	return nil, fmt.Errorf("NetUserEnum: more than 100 pages")
}
