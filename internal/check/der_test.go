package check

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"
)

// TestCertSubjectName names a root by its common name, by its
// organisation where it has no common name, and not at all when the
// bytes are no certificate.
func TestCertSubjectName(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cert := func(subject pkix.Name) []byte {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: subject, NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	for name, tt := range map[string]struct {
		der  []byte
		want string
	}{
		"common name first":     {cert(pkix.Name{CommonName: "Mamori Test CA", Organization: []string{"Mamori"}}), "Mamori Test CA"},
		"organisation, no name": {cert(pkix.Name{Organization: []string{"Sandbox Egress"}}), "Sandbox Egress"},
		"neither":               {cert(pkix.Name{Country: []string{"JP"}}), ""},
		"not a certificate":     {[]byte("SQLite format 3\x00"), ""},
		"cut short":             {cert(pkix.Name{CommonName: "Cut"})[:40], ""},
	} {
		if got := certSubjectName(tt.der); got != tt.want {
			t.Errorf("%s: %q, want %q", name, got, tt.want)
		}
	}
}
