package check

import (
	"context"
	"crypto/sha1"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsHostsFile runs under Wine (scripts/wine-test): Windows' own
// hosts file in System32\drivers\etc, as the system keeps it, then with a
// line for a bank appended (put back after).
func TestWindowsHostsFile(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes the system's hosts file: run under Wine")
	}
	path, err := windowsHosts()
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.WriteFile(path, before, 0o644) })
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	check := &SiteRedirects{Sys: host.Local(), Sites: sites}
	// Only the hosts file is judged here: Wine fills the machine's root
	// store with the Unix system's bundle (see TestWindowsAddedRoot).
	if r := check.Run(context.Background()); r.Status == monitor.Critical || r.Get("redirected") != "" || r.Get("hosts-file") != path {
		t.Fatalf("Windows' own hosts file: %s %v", r.Status, r.Evidence)
	}
	if err := os.WriteFile(path, append(before, "\r\n203.0.113.5\tdirect.smbc.co.jp\r\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := check.Run(context.Background()); r.Status != monitor.Critical || !strings.Contains(r.Get("redirected"), "direct.smbc.co.jp") {
		t.Errorf("a bank in the hosts file: %s %v", r.Status, r.Evidence)
	}
}

// TestWindowsAddedRoot runs under Wine: a root certificate added to the
// person's Root store through Windows' own certificate API (crypt32, as a
// proxy's installer or malware does; Wine keeps it in the registry where
// Windows does) is found and named by its subject, and gone once it is
// deleted.
func TestWindowsAddedRoot(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("adds to the user's certificate store: run under Wine")
	}
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	check := &SiteRedirects{Sys: host.Local(), Sites: sites}
	const name = "Mamori Test Interception CA"
	// Wine, unlike Windows, copies the Unix system's whole bundle into the
	// machine's root store the first time a program opens it: those are
	// listed too, so only the person's store is looked at here.
	mine := func(r monitor.Result) []string {
		var out []string
		for _, e := range r.Evidence {
			if e.Key == "root-certificate" && strings.Contains(e.Value, `(HKCU\`) {
				out = append(out, e.Value)
			}
		}
		return out
	}
	if r := check.Run(context.Background()); r.Status == monitor.Unknown || len(mine(r)) != 0 {
		t.Fatalf("before: %s %v", r.Status, mine(r))
	}
	der := testRootCA(t, name)
	cert, err := windows.CertCreateCertificateContext(windows.X509_ASN_ENCODING|windows.PKCS_7_ASN_ENCODING, &der[0], uint32(len(der)))
	if err != nil {
		t.Fatal(err)
	}
	defer windows.CertFreeCertificateContext(cert)
	// Closing the store is what writes it (to the registry).
	root, _ := windows.UTF16PtrFromString("Root")
	store, err := windows.CertOpenStore(windows.CERT_STORE_PROV_SYSTEM, 0, 0, windows.CERT_SYSTEM_STORE_CURRENT_USER, uintptr(unsafe.Pointer(root)))
	if err != nil {
		t.Fatal(err)
	}
	err = windows.CertAddCertificateContextToStore(store, cert, windows.CERT_STORE_ADD_NEW, nil)
	windows.CertCloseStore(store, 0)
	if err != nil {
		t.Fatal(err)
	}
	r := check.Run(context.Background())
	if got := mine(r); r.Status != monitor.Warn || r.Advice != "site-redirects.certificates" || len(got) != 1 ||
		!strings.HasPrefix(got[0], name+` (HKCU\Software\Microsoft\SystemCertificates\Root\Certificates\`) {
		t.Errorf("an added root: %s %s %v", r.Status, r.Advice, got)
	}
	// Taken away as the certificate manager does, by its thumbprint's key
	// (Wine's store leaves the key behind on a delete).
	if err := registry.DeleteKey(registry.CURRENT_USER, fmt.Sprintf(`Software\Microsoft\SystemCertificates\Root\Certificates\%X`, sha1.Sum(der))); err != nil {
		t.Fatal(err)
	}
	if r := check.Run(context.Background()); len(mine(r)) != 0 {
		t.Errorf("deleted again: %s %v", r.Status, mine(r))
	}
}
