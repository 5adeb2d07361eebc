package export

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// person is the made-up account the security descriptors below name.
const person = "S-1-5-21-1-2-3-1001"

// TestWindowsSecurityDescriptors judges directories' security
// descriptors as Windows writes them (SDDL): only SYSTEM, Administrators
// and the person may own the directory or write to it; CREATOR OWNER and
// other entries for what is inside do not count (ProgramData's).
func TestWindowsSecurityDescriptors(t *testing.T) {
	me, err := windows.StringToSid(person)
	if err != nil {
		t.Fatal(err)
	}
	const admins = "(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"
	for _, tt := range []struct {
		desc, sddl string
		want       string // in the error; "" for usable
	}{
		{"the person's, theirs and the system's alone", "O:" + person + "D:P" + admins + "(A;OICI;FA;;;" + person + ")", ""},
		{"Administrators', everyone reads", "O:BAD:P" + admins + "(A;OICI;FR;;;WD)(A;OICI;0x1200a9;;;BU)", ""},
		{"Administrators', CREATOR OWNER for what is inside", "O:BAD:P" + admins + "(A;OICIIO;FA;;;CO)(A;OICI;FR;;;BU)", ""},
		{"ProgramData's: Users may create files", "O:SYD:P" + admins + "(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)(A;CI;0x6;;;BU)", "S-1-5-32-545"},
		{"Everyone may write", "O:BAD:P" + admins + "(A;OICI;GW;;;WD)", "S-1-1-0"},
		{"Authenticated Users may change it", "O:BAD:P" + admins + "(A;OICI;0x1301bf;;;AU)", "S-1-5-11"},
		{"Users may delete what is in it", "O:BAD:P" + admins + "(A;;0x40;;;BU)", "S-1-5-32-545"},
		{"Users may change who may write", "O:BAD:P" + admins + "(A;;WD;;;BU)", "S-1-5-32-545"},
		{"another person's", "O:S-1-5-21-1-2-3-1002D:P" + admins, "S-1-5-21-1-2-3-1002"},
		{"owned by Users", "O:BUD:P" + admins, "S-1-5-32-545"},
		{"a denial does not make it unsafe", "O:BAD:P(D;;FA;;;WD)" + admins, ""},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			sd, err := windows.SecurityDescriptorFromString(tt.sddl)
			if err != nil {
				t.Fatalf("%s: %v", tt.sddl, err)
			}
			t.Logf("read back: %s", sd)
			err = judgeSD(sd, me)
			if tt.want == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want one naming %q", err, tt.want)
			}
		})
	}
}

// TestWindowsSecurityDescriptorWithoutAccessList: a NULL DACL lets
// everyone do anything. (Built by hand: Wine reads the SDDL
// "D:NO_ACCESS_CONTROL" as an empty list, which lets no one in.)
func TestWindowsSecurityDescriptorWithoutAccessList(t *testing.T) {
	me, _ := windows.StringToSid(person)
	sd, err := windows.NewSecurityDescriptor()
	if err != nil {
		t.Fatal(err)
	}
	admins, _ := windows.CreateWellKnownSid(windows.WinBuiltinAdministratorsSid)
	if err := sd.SetOwner(admins, false); err != nil {
		t.Fatal(err)
	}
	if err := sd.SetDACL(nil, true, false); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", sd)
	if err := judgeSD(sd, me); err == nil || !strings.Contains(err.Error(), "no access list") {
		t.Errorf("err %v, want a refusal", err)
	}
}

// TestWindowsExportWritesAndRefuses (finding 4 of the red team's review:
// every Windows directory was refused, as Go reports drwxrwxrwx): a
// directory this account made is written to; one whose access list
// gives Everyone write access is not, nor is a person's file another
// account owns.
func TestWindowsExportWritesAndRefuses(t *testing.T) {
	s := Snapshot{User: "hanako", UID: "S-1-5-21-1-2-3-1001", At: time.Now()}
	name := "mamori-S-1-5-21-1-2-3-1001.prom"

	dir := filepath.Join(tempDir(t), "textfile")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a directory this account made: %s", sd)
	if err := Write(Targets{PrometheusDir: dir, ResultsDir: dir}, s); err != nil {
		t.Fatalf("export refused a directory this account made: %v", err)
	}
	for _, f := range []string{name, "mamori-S-1-5-21-1-2-3-1001.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("not written: %v", err)
		}
	}
	if err := Write(Targets{PrometheusDir: dir}, s); err != nil {
		t.Errorf("refused to replace its own file: %v", err)
	}

	t.Run("Everyone may write", func(t *testing.T) {
		open := filepath.Join(tempDir(t), "open")
		os.Mkdir(open, 0o755)
		wide, _ := windows.SecurityDescriptorFromString("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;WD)")
		dacl, _, _ := wide.DACL()
		if err := windows.SetNamedSecurityInfo(open, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil); err != nil {
			t.Fatalf("setting the access list: %v", err)
		}
		got, _ := windows.GetNamedSecurityInfo(open, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
		t.Logf("after: %s", got)
		err := Write(Targets{PrometheusDir: open}, s)
		if err == nil || !strings.Contains(err.Error(), "S-1-1-0") {
			t.Errorf("err %v, want a refusal naming Everyone", err)
		}
		if _, err := os.Stat(filepath.Join(open, name)); err == nil {
			t.Errorf("written")
		}
	})

	t.Run("the person's file is another account's", func(t *testing.T) {
		// Wine keeps no owner but the creator's (SetNamedSecurityInfo
		// of another owner succeeds and changes nothing), so the person
		// is made someone else here, and the file, this account's, is
		// judged as theirs would be.
		old := currentSID
		currentSID = func() (*windows.SID, error) { return windows.StringToSid(person) }
		t.Cleanup(func() { currentSID = old })
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		err = mine(root, dir, name)
		var nv *NotYours
		if !errors.As(err, &nv) || !strings.Contains(err.Error(), "S-1-5-21-0-0-0-1000") {
			t.Errorf("err %v, want NotYours naming the file's owner", err)
		}
		currentSID = old
		if err := mine(root, dir, name); err != nil {
			t.Errorf("this account's own file: %v", err)
		}
	})
}
