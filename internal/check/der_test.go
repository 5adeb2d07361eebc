package check

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// certSubjectName reads the same name crypto/x509 does, on every root
// certificate this machine's trust store holds.
func TestCertSubjectNameLikeX509(t *testing.T) {
	files, _ := filepath.Glob("/usr/share/ca-certificates/mozilla/*.crt")
	if len(files) == 0 {
		testenv.Unavailable(t, "no ca-certificates here")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		block, _ := pem.Decode(data)
		if block == nil {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			continue
		}
		want := cert.Subject.CommonName
		if want == "" && len(cert.Subject.Organization) > 0 {
			want = cert.Subject.Organization[0]
		}
		if got := certSubjectName(block.Bytes); got != want {
			t.Errorf("%s: %q, want %q", filepath.Base(f), got, want)
		}
	}
}

func FuzzCertSubjectName(f *testing.F) {
	f.Add([]byte{0x30, 0x03, 0x30, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, der []byte) { certSubjectName(der) })
}
