package export

import (
	"bytes"
	"fmt"
	"strings"
)

// Prometheus is the snapshot in Prometheus' text format, for a textfile
// collector. Names and labels follow Prometheus' conventions: a state set
// (mamori_check_status, 1 for the check's status and 0 for the others),
// timestamps in seconds since the epoch, an info metric for the version.
// Every series carries the user, since each user's agent writes its own
// file into the one directory.
func Prometheus(s Snapshot) []byte {
	var b bytes.Buffer
	user := fmt.Sprintf(`user="%s",uid="%s"`, label(s.User), label(s.UID))
	b.WriteString("# HELP mamori_build_info Mamori's version, 1 for each user whose agent writes results.\n# TYPE mamori_build_info gauge\n")
	fmt.Fprintf(&b, "mamori_build_info{%s,version=\"%s\"} 1\n", user, label(s.Version))
	b.WriteString("# HELP mamori_last_sweep_timestamp_seconds When the user's agent last ran its checks.\n# TYPE mamori_last_sweep_timestamp_seconds gauge\n")
	fmt.Fprintf(&b, "mamori_last_sweep_timestamp_seconds{%s} %d\n", user, s.At.Unix())
	b.WriteString("# HELP mamori_check_status The check's latest verdict: 1 for its status, 0 for the others.\n# TYPE mamori_check_status gauge\n")
	for _, r := range s.Results {
		for _, st := range Statuses {
			v := 0
			if r.Status == st {
				v = 1
			}
			fmt.Fprintf(&b, "mamori_check_status{%s,check=\"%s\",status=\"%s\"} %d\n", user, label(r.Check), label(string(st)), v)
		}
	}
	b.WriteString("# HELP mamori_check_timestamp_seconds When the check last gave its verdict.\n# TYPE mamori_check_timestamp_seconds gauge\n")
	for _, r := range s.Results {
		if !r.CheckedAt.IsZero() {
			fmt.Fprintf(&b, "mamori_check_timestamp_seconds{%s,check=\"%s\"} %d\n", user, label(r.Check), r.CheckedAt.Unix())
		}
	}
	b.WriteString("# HELP mamori_check_policy_shaped 1 when an organisation's policy shaped the check's verdict.\n# TYPE mamori_check_policy_shaped gauge\n")
	for _, r := range s.Results {
		v := 0
		if len(r.Policy) > 0 {
			v = 1
		}
		fmt.Fprintf(&b, "mamori_check_policy_shaped{%s,check=\"%s\"} %d\n", user, label(r.Check), v)
	}
	return b.Bytes()
}

// label escapes a label value as the text format wants: backslash, double
// quote and newline.
func label(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}
