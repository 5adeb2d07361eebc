package wire

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/msg"
	"github.com/mamori-project/mamori/internal/tray"
)

// full is an op with every field set, each with a value that shows
// whether it was read: text that needs escaping, bytes that are not text.
func full() Op {
	return Op{
		Seq: 1<<62 + 7,
		Plan: &Plan{
			Checks: []monitor.Spec{{ID: "os-updates", Timeout: 2 * time.Minute, Settle: 30 * time.Second,
				Triggers: []monitor.Trigger{{Source: monitor.File, Path: `/var/lib/dpkg/status`}, {Source: monitor.Registry, Path: `HKCU\SOFTWARE\Policies\`}}}},
			Enabled: []string{"os-updates", "wifi"}, Interval: time.Hour,
			PolicyPaths: []string{"/etc/mamori/policies/managed/"}, PolicyKeys: []string{`HKLM\SOFTWARE\Policies\Mamori`},
			Lang: "ja", WindowEnv: []string{"LANG=ja_JP.UTF-8"},
		},
		Tray: &tray.State{Status: monitor.Critical, Tooltip: "Mamori: 2 件\n\"要対応\"", Snoozed: true,
			Entries: []tray.Entry{{Check: "wifi", Label: "公衆Wi-Fi <危険> & \u2028"}},
			Labels: tray.Labels{Status: "状態…", CheckNow: "今すぐ確認", Snooze: "通知を止める", SnoozeHour: "1時間",
				SnoozeTomorrow: "明日の朝まで", Settings: "設定…", Quit: "終了", Paused: "15:30まで", Resume: "再開"}},
		Publish:  true,
		Answered: []string{"wifi"},
		Run:      []string{"screen-lock"},
		RunAll:   true,
		RunNow:   true,
		Open:     &Open{Which: "fix", Check: "screen-lock"},
		Show: &msg.Message{Key: "wifi", Summary: "公衆Wi-Fiに注意", Body: "本文\tタブ\x01", Urgency: msg.Critical, Status: monitor.Critical,
			Actions: []msg.Action{{ID: "default", Label: "詳細"}, {ID: "trust", Label: "信頼する"}},
			Network: &monitor.WiFiNetwork{SSID: []byte{0xff, 0, 'C', 'a', 'f', 'e'}, Security: "open", BSSID: "02:00:00:00:00:01"}},
		Withdraw: "firewall",
		Again:    time.Date(2026, 12, 6, 15, 30, 1, 500, time.UTC),
		Warning:  "settings: \"wify\" is not a check",
	}
}

// TestOpsReadAsWritten: an op the judge writes (encoding/json) is read by
// the agent (jsonv) whole, every field of it.
func TestOpsReadAsWritten(t *testing.T) {
	want := full()
	if unset := zeroFields(reflect.ValueOf(want), "Op"); len(unset) > 0 {
		t.Fatalf("the test's op leaves %v unset: set them, and read them in decode", unset)
	}
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Send(want); err != nil {
		t.Fatal(err)
	}
	var got []Op
	if err := Read(&buf, func(op Op) { got = append(got, op) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("read %d ops", len(got))
	}
	if !got[0].Again.Equal(want.Again) {
		t.Errorf("again %v, want %v", got[0].Again, want.Again)
	}
	got[0].Again, want.Again = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("read\n%+v\nwant\n%+v", got[0], want)
	}
}

// zeroFields lists the fields of v, and of what it holds, left at their
// zero value.
func zeroFields(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return []string{path}
		}
		return zeroFields(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			if v.Interface().(time.Time).IsZero() {
				return []string{path}
			}
			return nil
		}
		var out []string
		for i := range v.NumField() {
			out = append(out, zeroFields(v.Field(i), path+"."+v.Type().Field(i).Name)...)
		}
		return out
	case reflect.Slice:
		if v.Len() == 0 {
			return []string{path}
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil
		}
		var out []string
		for i := range v.Len() {
			out = append(out, zeroFields(v.Index(i), path+"[]")...)
		}
		return out
	}
	if v.IsZero() {
		return []string{path}
	}
	return nil
}

// FuzzReadRefusesOrReads: whatever line comes, Read returns an error or
// ops, and never panics.
func FuzzReadRefusesOrReads(f *testing.F) {
	var buf bytes.Buffer
	NewEncoder(&buf).Send(full())
	f.Add(buf.Bytes())
	f.Add([]byte(`{"tray":{"Entries":[1]}}`))
	f.Add([]byte(`{"again":"yesterday"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		Read(bytes.NewReader(line), func(Op) {})
	})
}
