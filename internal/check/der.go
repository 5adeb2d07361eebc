package check

// A certificate's subject, read from its DER by hand: crypto/x509 would
// bring every signature algorithm into the resident agent (2 MB of
// program) to read one name.

// derNext splits the first DER element off b: its tag, its contents and
// the rest. ok is false on anything malformed.
func derNext(b []byte) (tag byte, content, rest []byte, ok bool) {
	if len(b) < 2 {
		return 0, nil, nil, false
	}
	tag, n := b[0], int(b[1])
	b = b[2:]
	if n&0x80 != 0 {
		k := n & 0x7f
		if k == 0 || k > 3 || len(b) < k {
			return 0, nil, nil, false
		}
		n = 0
		for _, c := range b[:k] {
			n = n<<8 | int(c)
		}
		b = b[k:]
	}
	if n > len(b) {
		return 0, nil, nil, false
	}
	return tag, b[:n], b[n:], true
}

// The object identifiers of a subject's common name and organisation.
var (
	oidCommonName   = []byte{0x55, 0x04, 0x03}
	oidOrganization = []byte{0x55, 0x04, 0x0a}
)

// certSubjectName returns a certificate's subject common name, or its
// organisation, from the certificate's DER; "" when it cannot.
func certSubjectName(der []byte) string {
	_, cert, _, ok := derNext(der) // Certificate SEQUENCE
	if !ok {
		return ""
	}
	_, tbs, _, ok := derNext(cert) // TBSCertificate SEQUENCE
	if !ok {
		return ""
	}
	// version [0] (optional), serial, signature algorithm, issuer,
	// validity, subject.
	fields := 0
	for len(tbs) > 0 {
		tag, content, rest, ok := derNext(tbs)
		if !ok {
			return ""
		}
		tbs = rest
		if tag == 0xa0 {
			continue // the explicit version
		}
		if fields++; fields < 5 {
			continue
		}
		var org string
		for len(content) > 0 { // Name: SEQUENCE OF SET OF AttributeTypeAndValue
			_, set, more, ok := derNext(content)
			if !ok {
				return ""
			}
			content = more
			for len(set) > 0 {
				_, atv, more, ok := derNext(set)
				if !ok {
					return ""
				}
				set = more
				_, oid, value, ok := derNext(atv)
				if !ok {
					return ""
				}
				_, text, _, ok := derNext(value)
				if !ok {
					continue
				}
				switch string(oid) {
				case string(oidCommonName):
					return string(text)
				case string(oidOrganization):
					org = string(text)
				}
			}
		}
		return org
	}
	return ""
}
