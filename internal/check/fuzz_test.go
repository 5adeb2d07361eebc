package check

import "testing"

func FuzzParseTimespan(f *testing.F) {
	for _, s := range []string{"30min", "1h 30min", "900", "infinity", "1.5h", "16000000d", "5 parsecs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := parseTimespan(s); err == nil && d < 0 {
			t.Errorf("parseTimespan(%q) = %v", s, d)
		}
	})
}

func FuzzParseLogind(f *testing.F) {
	f.Add([]byte("[Login]\nIdleAction=suspend\nIdleActionSec=15min\n"))
	f.Add([]byte("[Login]\r\nIdleAction=hibernate\r\nIdleActionSec=1h 30min\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := parseLogind(data); err == nil && (!r.Known || r.After < 0) {
			t.Errorf("rule %+v", r)
		}
	})
}

func FuzzParseCVDHeader(f *testing.F) {
	f.Add([]byte("ClamAV-VDB:20 Nov 2026 09-15 +0000:27460:2070000:90:X:Y:raynman:1763630100"))
	f.Add([]byte("ClamAV-VDB:garbage:1:2:3:4:5:6:1631795525"))
	f.Fuzz(func(t *testing.T, head []byte) {
		if built, err := parseCVDHeader(head); err == nil && built.IsZero() {
			t.Error("no error and no time")
		}
	})
}

func FuzzParseStatusUID(f *testing.F) {
	f.Add([]byte("Name:\tclamd\nUid:\t110\t110\t110\t110\nGid:\t117\n"))
	f.Add([]byte("Uid:\n"))
	f.Add([]byte("Uid:\t-5\t0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if uid, ok := parseStatusUID(data); ok && uid < 0 {
			t.Errorf("uid %d", uid)
		}
	})
}

func FuzzTCPTable(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x0d, 0x3d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x54, 4, 0, 0}, false)
	f.Fuzz(func(t *testing.T, b []byte, v6 bool) {
		if ls, err := parseTCPTable(b, v6); err == nil && len(ls)*tcpRowSize > len(b) {
			t.Errorf("%d rows from %d bytes", len(ls), len(b))
		}
	})
}

func FuzzCertFromBlob(f *testing.F) {
	f.Add([]byte{3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, 32, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0x30, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if der, err := certFromBlob(b); err == nil {
			certSubjectName(der)
		}
	})
}

// FuzzFirewallFiles runs the firewall files' readers on any text: they
// must end, and a shell file read without error holds only names.
func FuzzFirewallFiles(f *testing.F) {
	for _, tc := range nftCases {
		f.Add([]byte(tc.conf))
	}
	for _, tc := range ufwCases {
		f.Add([]byte(tc.text))
	}
	for _, tc := range iptablesCases {
		f.Add([]byte(tc.rules))
	}
	f.Add([]byte("<zone target=\"ACCEPT\"><!-- x --></zone>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		nftFilters(data)
		iptablesFilters(data)
		parseFirewalldConf(data)
		firewalldZoneTarget(data)
		if vars, err := shellAssignments(data); err == nil {
			for name := range vars {
				if !shellName(name) {
					t.Errorf("assigned %q", name)
				}
			}
		}
	})
}
