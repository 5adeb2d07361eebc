package check

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
)

// shown is r as a person sees it: through report.Build, the one place
// text taken from the system is escaped.
func shown(t *testing.T, r monitor.Result) report.Check {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return report.Build([]monitor.Result{r}, cat.Printer("en"), report.App{}, time.Time{}).Checks[0]
}

// writeUnder writes data at rel under root (a test's stand-in for "/"),
// making the folders on the way.
func writeUnder(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// listenTCP listens on addr until the test ends; a port this machine has
// taken skips the test.
func listenTCP(t *testing.T, addr string) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		testenv.Unavailable(t, "cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// testRootCA makes a self-signed root certificate, as an intercepting
// proxy or malware would add to a trust store, and returns its DER.
func testRootCA(t *testing.T, name string) []byte {
	t.Helper()
	return testRootCAOf(t, name, "")
}

// testRootCAOf makes a self-signed root with a common name and, unless "",
// an organisation, as security software names its own.
func testRootCAOf(t *testing.T, name, org string) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	if org != "" {
		tmpl.Subject.Organization = []string{org}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// sqliteDB writes a database at rel under root with the real sqlite3
// program, making the folders on the way.
func sqliteDB(t *testing.T, root, rel, sql string) {
	t.Helper()
	testenv.Require(t, "sqlite3")
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("sqlite3", p, sql).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
}
