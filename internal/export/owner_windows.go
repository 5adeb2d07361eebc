package export

import (
	"errors"
	"fmt"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows Go reports every directory as drwxrwxrwx (the mode comes
// only from the read-only attribute), so the directory's security
// descriptor is judged instead: its owner must be SYSTEM, Administrators
// or the person, and no one else may create, delete or re-permission
// anything in it.

// currentSID is the person's SID (a test's made-up one).
var currentSID = func() (*windows.SID, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("reading this account's SID: %w", err)
	}
	return u.User.Sid, nil
}

// checkDir: the path is judged once opened (checkOpened).
func checkDir(string) error { return nil }

func checkOpened(_ *os.Root, dir string) error {
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("reading who may write to it: %w", err)
	}
	me, err := currentSID()
	if err != nil {
		return err
	}
	return judgeSD(sd, me)
}

// Rights that let an account put a file in a directory, remove one, or
// give itself those rights.
const (
	fileAddFile         = 0x2  // FILE_ADD_FILE (FILE_WRITE_DATA on a file)
	fileAddSubdirectory = 0x4  // FILE_ADD_SUBDIRECTORY (FILE_APPEND_DATA)
	fileDeleteChild     = 0x40 // FILE_DELETE_CHILD
	writeRights         = fileAddFile | fileAddSubdirectory | fileDeleteChild | windows.DELETE | windows.WRITE_DAC | windows.WRITE_OWNER |
		windows.GENERIC_WRITE | windows.GENERIC_ALL | windows.MAXIMUM_ALLOWED
)

// trusted are the SIDs that may own the directory and write to it:
// SYSTEM, Administrators and the person. CREATOR OWNER and the like
// count only on entries that apply to what is inside (inherit-only),
// which judgeSD skips.
func trusted(sid, me *windows.SID) bool {
	return sid.IsWellKnown(windows.WinLocalSystemSid) || sid.IsWellKnown(windows.WinBuiltinAdministratorsSid) || sid.Equals(me)
}

// judgeSD says why a directory with this security descriptor may not be
// written to.
func judgeSD(sd *windows.SECURITY_DESCRIPTOR, me *windows.SID) error {
	owner, _, err := sd.Owner()
	if err != nil || owner == nil {
		return errors.New("its owner cannot be read")
	}
	if !trusted(owner, me) {
		return fmt.Errorf("it is owned by %s, which could replace this account's results", name(owner))
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return fmt.Errorf("reading who may write to it: %w", err)
	}
	if dacl == nil {
		return errors.New("it has no access list, so every account can write to it")
	}
	for i := 0; i < int(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, uint32(i), &ace); err != nil {
			return fmt.Errorf("reading who may write to it: %w", err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 {
			continue // a denial only takes away; inherit-only is for what is inside
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if ace.Mask&writeRights != 0 && !trusted(sid, me) {
			return fmt.Errorf("%s can write to it (access 0x%x), so another account could replace this account's results", name(sid), ace.Mask)
		}
	}
	return nil
}

// name is a SID with its account's name where Windows knows it.
func name(sid *windows.SID) string {
	if a, d, _, err := sid.LookupAccount(""); err == nil {
		if d != "" {
			a = d + `\` + a
		}
		return a + " (" + sid.String() + ")"
	}
	return sid.String()
}

// owns says whether the person owns the file at path.
func owns(path string, _ os.FileInfo) (bool, string) {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return false, "an owner that cannot be read"
	}
	me, err := currentSID()
	owner, _, oerr := sd.Owner()
	if oerr != nil || owner == nil {
		return false, "an owner that cannot be read"
	}
	return err == nil && owner.Equals(me), name(owner)
}

// replaceWait is how long a write tries to replace a file another program
// has open (windows_exporter reading it: milliseconds).
const replaceWait = 2 * time.Second
