package export

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// tempDir is t.TempDir for a test on Linux and under Wine (where
// t.TempDir's removal fails: "Invalid function"); what Wine leaves is in
// its prefix.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mamori-textfile-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// windowsTextfile reads the directories as windows_exporter's textfile
// collector does (its main of August 2026, after v0.31.3:
// internal/collector/textfile/textfile.go, with the
// versions of prometheus/common and client_golang it builds with), so the
// Windows export is judged by the rules it meets there; the collector is
// a Windows program, and its rules are in this one function:
//   - every *.prom file under each directory, its subdirectories too; two
//     files of one name (in different directories) are an error;
//   - '\r' removed (CRLF files), a UTF-8 byte-order mark skipped, any other
//     (UTF-16, UTF-32) an error;
//   - expfmt's text parser with UTF-8 names; a sample with a timestamp, or
//     one series twice in a file, costs the whole file;
//   - one series in two files costs every file: the collector exports none
//     of them (its duplicateMetricEntry, as it is written);
//   - each family's samples are made into constant metrics and gathered
//     by a client_golang registry, which refuses a family whose help or
//     type differs between files.
//
// It returns the families as gathered, the errors the collector would
// report, and whether it dropped everything for a duplicate.
func windowsTextfile(dirs ...string) (families []*dto.MetricFamily, errs []error, dropped bool) {
	var parsed []*dto.MetricFamily
	seen := map[string]bool{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("error reading directory: %w", err)
			}
			if d.IsDir() || !strings.HasSuffix(d.Name(), ".prom") {
				return nil
			}
			fams, err := windowsScrapeFile(path)
			if err != nil {
				errs = append(errs, fmt.Errorf("error scraping file %q: %w", path, err))
				return nil
			}
			if seen[d.Name()] {
				errs = append(errs, fmt.Errorf("duplicate filename detected: %q", path))
				return nil
			}
			seen[d.Name()] = true
			parsed = append(parsed, fams...)
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	if windowsDuplicate(parsed) {
		return nil, errs, true
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(constCollector(parsed))
	families, err := reg.Gather()
	if err != nil {
		errs = append(errs, err)
	}
	return families, errs, false
}

// windowsScrapeFile is the collector's scrapeFile.
func windowsScrapeFile(path string) ([]*dto.MetricFamily, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b = bytes.ReplaceAll(b, []byte("\r"), nil)
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0, 0, 0xfe, 0xff}), bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return nil, errors.New("a byte-order mark other than UTF-8's")
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	byName, err := parser.TextToMetricFamilies(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var fams []*dto.MetricFamily
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range byName {
			if !yield(n) {
				return
			}
		}
	}) {
		mf := byName[name]
		for _, m := range mf.GetMetric() {
			if m.TimestampMs != nil {
				return nil, errors.New("textfile contains unsupported client-side timestamps")
			}
		}
		if mf.Help == nil {
			help := "Metric read from " + path
			mf.Help = &help
		}
		fams = append(fams, mf)
	}
	if windowsDuplicate(fams) {
		return nil, errors.New("duplicate metrics detected")
	}
	return fams, nil
}

// windowsDuplicate is the collector's duplicateMetricEntry, as written:
// it compares each series with the last one seen of its name.
func windowsDuplicate(fams []*dto.MetricFamily) bool {
	last := map[string]map[string]string{}
	for _, mf := range fams {
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if prev, ok := last[mf.GetName()]; ok && reflect.DeepEqual(prev, labels) {
				return true
			}
			last[mf.GetName()] = labels
		}
	}
	return false
}

// constCollector is the collector's convertMetricFamily for the types a
// textfile of Mamori's has (gauges; counters and untyped alike).
type constCollector []*dto.MetricFamily

func (constCollector) Describe(chan<- *prometheus.Desc) {} // unchecked, as the collector's metrics are

func (c constCollector) Collect(ch chan<- prometheus.Metric) {
	for _, mf := range c {
		all := map[string]bool{}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				all[l.GetName()] = true
			}
		}
		for _, m := range mf.GetMetric() {
			var names, values []string
			for _, l := range m.GetLabel() {
				names, values = append(names, l.GetName()), append(values, l.GetValue())
			}
			for k := range all {
				if !slices.Contains(names, k) {
					names, values = append(names, k), append(values, "")
				}
			}
			var typ prometheus.ValueType
			var v float64
			switch mf.GetType() {
			case dto.MetricType_GAUGE:
				typ, v = prometheus.GaugeValue, m.GetGauge().GetValue()
			case dto.MetricType_COUNTER:
				typ, v = prometheus.CounterValue, m.GetCounter().GetValue()
			case dto.MetricType_UNTYPED:
				typ, v = prometheus.UntypedValue, m.GetUntyped().GetValue()
			default:
				ch <- prometheus.NewInvalidMetric(prometheus.NewDesc(mf.GetName(), mf.GetHelp(), nil, nil), fmt.Errorf("type %s is not one Mamori writes", mf.GetType()))
				continue
			}
			m, err := prometheus.NewConstMetric(prometheus.NewDesc(mf.GetName(), mf.GetHelp(), names, nil), typ, v, values...)
			if err != nil {
				m = prometheus.NewInvalidMetric(prometheus.NewDesc(mf.GetName(), mf.GetHelp(), nil, nil), err)
			}
			ch <- m
		}
	}
}

// TestWindowsExporterReadsTheTextfile: the files two people's agents
// write into one textfile directory on a Windows computer (account names
// with the computer's name and a backslash, one in Japanese; SIDs; one
// agent older, with fewer checks and one never run) are read by
// windows_exporter's textfile collector without an error, nothing
// dropped, every series of both people there. It runs on Linux and,
// in scripts/wine-test, on the files the Windows build writes.
func TestWindowsExporterReadsTheTextfile(t *testing.T) {
	dir := tempDir(t)
	hanako := sweep()
	hanako.User, hanako.UID = `DESKTOP-01\hanako`, "S-1-5-21-1004336348-1177238915-682003330-1001"
	taro := sweep()
	taro.User, taro.UID, taro.Version = `DESKTOP-01\山田 太郎`, "S-1-5-21-1004336348-1177238915-682003330-1002", "0.0.9"
	taro.Results = taro.Results[:2]
	taro.Results[0].CheckedAt = time.Time{}
	for _, s := range []Snapshot{hanako, taro} {
		if err := Write(Targets{PrometheusDir: dir}, s); err != nil {
			t.Fatal(err)
		}
	}
	// Another program's file beside Mamori's, as windows_exporter's own
	// example has it.
	os.WriteFile(filepath.Join(dir, "other.prom"), []byte("# HELP backup_last_success_timestamp_seconds Last backup.\n# TYPE backup_last_success_timestamp_seconds gauge\nbackup_last_success_timestamp_seconds 1.7e+09\n"), 0o644)

	families, errs, dropped := windowsTextfile(dir)
	if dropped || len(errs) > 0 {
		t.Fatalf("windows_exporter: dropped %v, errors %v", dropped, errs)
	}
	series := map[string]int{}
	users := map[string]bool{}
	for _, mf := range families {
		for _, m := range mf.GetMetric() {
			series[mf.GetName()]++
			for _, l := range m.GetLabel() {
				if l.GetName() == "user" {
					users[l.GetValue()] = true
				}
			}
		}
	}
	want := map[string]int{
		"mamori_build_info":                     2,
		"mamori_last_sweep_timestamp_seconds":   2,
		"mamori_check_status":                   (3 + 2) * len(Statuses),
		"mamori_check_timestamp_seconds":        3 + 1,
		"mamori_check_policy_shaped":            3 + 2,
		"backup_last_success_timestamp_seconds": 1,
	}
	if !reflect.DeepEqual(series, want) {
		t.Errorf("series %v, want %v", series, want)
	}
	if !users[hanako.User] || !users[taro.User] {
		t.Errorf("users %v, want both", users)
	}
}

// TestWindowsExporterRules: the reader above keeps the collector's rules
// (so a pass above means something): a duplicate series across files
// drops everything; a timestamp or a UTF-16 file costs its file; a CRLF
// file with a UTF-8 mark is read; a family's help differing across files
// is an error of the gather (its label names may differ).
func TestWindowsExporterRules(t *testing.T) {
	const gauge = "# HELP x An x.\n# TYPE x gauge\n"
	for _, c := range []struct {
		name    string
		files   map[string]string
		dropped bool
		errs    int
	}{
		{"one series in two files", map[string]string{"a.prom": gauge + "x{a=\"1\"} 1\n", "b.prom": gauge + "x{a=\"1\"} 2\n"}, true, 0},
		{"a timestamp", map[string]string{"a.prom": gauge + "x 1 1700000000000\n"}, false, 1},
		{"UTF-16", map[string]string{"a.prom": "\xff\xfe#\x00"}, false, 1},
		{"CRLF and a UTF-8 mark", map[string]string{"a.prom": "\xef\xbb\xbf" + strings.ReplaceAll(gauge+"x 1\n", "\n", "\r\n")}, false, 0},
		{"label names differ across files (allowed)", map[string]string{"a.prom": gauge + "x{a=\"1\"} 1\n", "b.prom": gauge + "x{b=\"1\"} 2\n"}, false, 0},
		{"help differs across files", map[string]string{"a.prom": gauge + "x{a=\"1\"} 1\n", "b.prom": "# HELP x Another x.\n# TYPE x gauge\nx{a=\"2\"} 2\n"}, false, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := tempDir(t)
			for name, body := range c.files {
				os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
			}
			_, errs, dropped := windowsTextfile(dir)
			if dropped != c.dropped || len(errs) != c.errs {
				t.Errorf("dropped %v, errors %v; want dropped %v, %d errors", dropped, errs, c.dropped, c.errs)
			}
		})
	}
}
