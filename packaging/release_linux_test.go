package packaging

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestRelease runs scripts/release as `make release` does: without a key
// it builds the .msi (with the Group Policy templates beside it) and .deb
// unsigned, says what it would sign and writes
// SHA256SUMS that sha256sum verifies; with a throwaway self-signed key
// (made here with openssl) the .msi and the programs in it carry an
// Authenticode signature that osslsigncode verifies against that
// certificate. No timestamp: this machine has no network.
func TestRelease(t *testing.T) {
	testenv.Require(t, "osslsigncode", "openssl", "wixl", "msiextract", "dpkg-deb", "x86_64-w64-mingw32-gcc")
	info := mamori.App()
	msi := "mamori-" + info.Version + "-x64.msi"
	templates := "mamori-" + info.Version + "-policy-templates.zip"
	release := func(t *testing.T, env ...string) (string, string) {
		t.Helper()
		out := t.TempDir()
		cmd := exec.Command("../scripts/release", out)
		cmd.Env = append(os.Environ(), env...)
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("scripts/release: %v\n%s", err, b)
		}
		sums := exec.Command("sha256sum", "--check", "--strict", "SHA256SUMS")
		sums.Dir = out
		if b, err := sums.CombinedOutput(); err != nil || !strings.Contains(string(b), msi+": OK") || !strings.Contains(string(b), templates+": OK") || !strings.Contains(string(b), ".deb: OK") {
			t.Errorf("SHA256SUMS: %v\n%s", err, b)
		}
		policyTemplates(t, filepath.Join(out, templates))
		return out, string(b)
	}
	// verify runs osslsigncode verify on file; ca is the certificate to
	// trust.
	verify := func(file, ca string) (string, error) {
		args := []string{"verify", "-in", file}
		if ca != "" {
			args = append(args, "-CAfile", ca)
		}
		b, err := exec.Command("osslsigncode", args...).CombinedOutput()
		return string(b), err
	}

	t.Run("without a key", func(t *testing.T) {
		out, said := release(t, "MAMORI_SIGN_CERT=", "MAMORI_SIGN_KEY=")
		for _, want := range []string{"no key given", "would sign mamori.exe", "would sign mamori-window.exe", "would sign " + msi} {
			if !strings.Contains(said, want) {
				t.Errorf("it does not say %q:\n%s", want, said)
			}
		}
		if got, err := verify(filepath.Join(out, msi), ""); err == nil || strings.Contains(got, "Signature verification: ok") {
			t.Errorf("the unsigned .msi verifies: %s", got)
		}
	})

	t.Run("with a self-signed key", func(t *testing.T) {
		keys := t.TempDir()
		cert, key := filepath.Join(keys, "cert.pem"), filepath.Join(keys, "key.pem")
		gen := exec.Command("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
			"-subj", "/CN=Mamori test signing", "-addext", "extendedKeyUsage=codeSigning",
			"-keyout", key, "-out", cert)
		if b, err := gen.CombinedOutput(); err != nil {
			t.Fatalf("openssl: %v\n%s", err, b)
		}
		out, said := release(t, "MAMORI_SIGN_CERT="+cert, "MAMORI_SIGN_KEY="+key, "MAMORI_TIMESTAMP_URL=none")
		if strings.Contains(said, "would sign") {
			t.Errorf("with a key it still only says what it would sign:\n%s", said)
		}
		if got, err := verify(filepath.Join(out, msi), cert); err != nil || !strings.Contains(got, "Signature verification: ok") {
			t.Errorf("the .msi's signature: %v\n%s", err, got)
		}
		// The programs inside the .msi were signed before packaging.
		x := t.TempDir()
		cmd := exec.Command("msiextract", "-C", x, filepath.Join(out, msi))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("msiextract: %v\n%s", err, b)
		}
		for _, p := range []string{"mamori.exe", "mamori-worker.exe", "mamori-window.exe"} {
			var found []string
			filepath.WalkDir(x, func(path string, d os.DirEntry, err error) error {
				if err == nil && d.Name() == p {
					found = append(found, path)
				}
				return nil
			})
			if len(found) == 0 {
				t.Errorf("%s is not in the .msi", p)
				continue
			}
			if got, err := verify(found[0], cert); err != nil || !strings.Contains(got, "Signature verification: ok") {
				t.Errorf("%s in the .msi: %v\n%s", p, err, got)
			}
		}
	})
}

// policyTemplates checks the release's Group Policy templates: the ADMX and
// its en-US and ja-JP ADML, laid out as PolicyDefinitions is, each as
// packaging/windows/policy holds it.
func policyTemplates(t *testing.T, file string) {
	t.Helper()
	z, err := zip.OpenReader(file)
	if err != nil {
		t.Fatalf("the policy templates: %v", err)
	}
	defer z.Close()
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		r.Close()
		want, _ := os.ReadFile(filepath.Join("windows", "policy", filepath.FromSlash(f.Name)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s in the templates differs from packaging/windows/policy's (%v)", f.Name, err)
		}
	}
	if want := []string{"mamori.admx", "en-US/mamori.adml", "ja-JP/mamori.adml"}; !slices.Equal(names, want) {
		t.Errorf("the policy templates hold %v, want %v", names, want)
	}
}
