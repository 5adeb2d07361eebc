package check

import "crypto/x509"

// certSubjectName returns a certificate's subject common name, or its
// organisation where it has none, as crypto/x509 reads them; "" when it
// cannot parse the certificate (the caller then names it by its file).
// The checks run in the worker, so the library costs the resident agent
// nothing: the hand-written DER reader that stood here for the agent's
// memory is gone.
func certSubjectName(der []byte) string {
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return ""
	}
	if cert.Subject.CommonName != "" {
		return cert.Subject.CommonName
	}
	if len(cert.Subject.Organization) > 0 {
		return cert.Subject.Organization[0]
	}
	return ""
}

// certSubject returns a certificate's subject common name and first
// organisation; "" for what it lacks or when it cannot be parsed.
func certSubject(der []byte) (cn, org string) {
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return "", ""
	}
	if len(cert.Subject.Organization) > 0 {
		org = cert.Subject.Organization[0]
	}
	return cert.Subject.CommonName, org
}
