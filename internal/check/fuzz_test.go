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
