package check

import (
	"context"
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
)

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
	const filterNormalAccount = 2 // FILTER_NORMAL_ACCOUNT
	var out []winAccount
	var resume uint32
	for page := 0; page < 100; page++ {
		var buf *byte
		var read, total uint32
		err := windows.NetUserEnum(nil, 20, filterNormalAccount, &buf, 64<<10, &read, &total, &resume)
		more := errors.Is(err, windows.ERROR_MORE_DATA)
		if err != nil && !more {
			return nil, fmt.Errorf("NetUserEnum: %w", err)
		}
		if buf != nil {
			for _, u := range unsafe.Slice((*userInfo20)(unsafe.Pointer(buf)), read) {
				out = append(out, winAccount{Name: windows.UTF16PtrToString(u.Name), Flags: u.Flags, RID: u.UserID})
			}
			windows.NetApiBufferFree(buf)
		}
		if !more {
			return out, nil
		}
	}
	return nil, fmt.Errorf("NetUserEnum: more than 100 pages")
}
