package check

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"

	"github.com/mamori-project/mamori/internal/monitor"
)

// The columns and values NSS keeps in a certificate database (cert9.db's
// nssPublic table: a column is "a" and the PKCS #11 attribute type in hex;
// numbers are four big-endian bytes; pkcs11t.h, pkcs11n.h).
const (
	nssClass       = "a0"        // CKA_CLASS
	nssLabel       = "a3"        // CKA_LABEL, the nickname
	nssValue       = "a11"       // CKA_VALUE, a certificate's DER
	nssIssuer      = "a81"       // CKA_ISSUER
	nssSerial      = "a82"       // CKA_SERIAL_NUMBER
	nssTrustServer = "ace536358" // CKA_TRUST_SERVER_AUTH
)

var (
	nssClassTrust  = []byte{0xce, 0x53, 0x43, 0x53} // CKO_NSS_TRUST
	nssClassCert   = []byte{0, 0, 0, 1}             // CKO_CERTIFICATE
	nssTrustedCA   = []byte{0xce, 0x53, 0x43, 0x52} // CKT_NSS_TRUSTED_DELEGATOR
	maxNSSDatabase = int64(64 << 20)
)

// nssAddedRoots lists the certificates an NSS database (Firefox's profile,
// or the shared ~/.pki/nssdb Chromium reads on Linux) trusts to vouch for
// web sites: those a person, a program or malware added, since the
// browser's own roots are built in and not kept there. Each is named by
// its subject, or its nickname; where is the database's path as shown.
func nssAddedRoots(fsys fs.FS, file, where string) ([]addedCert, error) {
	db, err := readSQLite(fsys, file, maxNSSDatabase)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	t, err := db.Table("nssPublic")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	col := map[string]int{}
	for _, name := range []string{nssClass, nssLabel, nssValue, nssIssuer, nssSerial, nssTrustServer} {
		if col[name] = t.Column(name); col[name] < 0 {
			return nil, fmt.Errorf("%s: nssPublic has no column %s", where, name)
		}
	}
	blob := func(row []any, name string) []byte {
		b, _ := row[col[name]].([]byte)
		return b
	}
	type object struct{ label, der, issuer, serial []byte }
	var certs, trusted []object
	err = t.Rows(func(_ int64, row []any) error {
		o := object{label: blob(row, nssLabel), der: blob(row, nssValue), issuer: blob(row, nssIssuer), serial: blob(row, nssSerial)}
		switch class := blob(row, nssClass); {
		case bytes.Equal(class, nssClassCert):
			certs = append(certs, o)
		case bytes.Equal(class, nssClassTrust) && bytes.Equal(blob(row, nssTrustServer), nssTrustedCA):
			trusted = append(trusted, o)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	var out []addedCert
	for _, tr := range trusted {
		c := addedCert{File: where, Subject: "?"}
		for _, cert := range certs {
			if bytes.Equal(cert.issuer, tr.issuer) && bytes.Equal(cert.serial, tr.serial) {
				c.Subject = monitor.Cut(string(cert.label), 80)
				if name := certSubjectName(cert.der); name != "" {
					c.Subject = monitor.Cut(name, 80)
				}
				c.CN, c.Org = certSubject(cert.der)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// nssDB is an NSS certificate database to read: a file of a file system,
// and where it is, as shown.
type nssDB struct {
	FS          fs.FS
	File, Where string
}

// firefoxNSS lists the certificate databases of Firefox's profiles.
func firefoxNSS(dirs []browserDir) []nssDB {
	var out []nssDB
	_, firefox := split(dirs)
	for _, b := range firefox {
		for _, p := range b.profiles() {
			out = append(out, nssDB{FS: b.FS, File: b.Dir + "/" + p + "/cert9.db", Where: b.Name + " (" + monitor.Cut(p, 60) + ")"})
		}
	}
	return out
}

// readNSSRoots reads the roots added to each database; one that is not
// there holds none.
func readNSSRoots(dbs []nssDB) ([]addedCert, error) {
	var out []addedCert
	var errs []error
	for _, db := range dbs {
		certs, err := nssAddedRoots(db.FS, db.File, db.Where)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		errs = append(errs, err)
		out = append(out, certs...)
	}
	return out, errors.Join(errs...)
}
