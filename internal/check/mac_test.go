package check

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

// macRunner answers the allowlisted programs from a recorded Mac: the
// output of `name args…` is in dir/cmd/"name args…" (spaces kept). A file
// named so with ".exit1" instead holds the standard error of a run that
// exited 1 (`defaults read` of a key that is not set). A program with no
// file at all is not installed.
type macRunner string

func (d macRunner) file(name command.Name, args []string) string {
	return filepath.Join(string(d), "cmd", strings.Join(append([]string{string(name)}, args...), " "))
}

func (d macRunner) Has(name command.Name) bool {
	m, _ := filepath.Glob(filepath.Join(string(d), "cmd", string(name)+"*"))
	return len(m) > 0
}

func (d macRunner) Run(_ context.Context, name command.Name, args ...string) ([]byte, error) {
	f := d.file(name, args)
	if out, err := os.ReadFile(f); err == nil {
		return out, nil
	}
	if stderr, err := os.ReadFile(f + ".exit1"); err == nil {
		return nil, &command.ExitError{Name: name, Code: 1, Stderr: string(stderr)}
	}
	if !d.Has(name) {
		return nil, &command.MissingError{Name: name}
	}
	return nil, errors.New("no recording of " + filepath.Base(f))
}

// oneAnswer is a runner where every program prints out.
type oneAnswer struct {
	out []byte
	err error
}

func (o oneAnswer) Has(command.Name) bool { return true }
func (o oneAnswer) Run(context.Context, command.Name, ...string) ([]byte, error) {
	return o.out, o.err
}

func TestDarwinScreenLockStatus(t *testing.T) {
	tests := []struct {
		file    string
		want    macScreenLock
		wantErr bool
	}{
		{"immediate.txt", macScreenLock{On: true, DelayKnown: true}, false},
		{"300s.txt", macScreenLock{On: true, Delay: 5 * time.Minute, DelayKnown: true}, false},
		{"crlf.txt", macScreenLock{On: true, Delay: 5 * time.Minute, DelayKnown: true}, false},
		{"off.txt", macScreenLock{}, false},
		{"on-10.13.txt", macScreenLock{On: true}, false},
		{"empty.txt", macScreenLock{}, true},
		{"error.txt", macScreenLock{}, true},
		// sysadminctl is not localised and runs under LC_ALL=C; should a
		// future one translate, the line is refused, not guessed at.
		{"ja.txt", macScreenLock{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := parseScreenLockStatus(testdata(t, "darwin/sysadminctl/"+tt.file))
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("got %+v, %v; want %+v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestDarwinPmsetCustom(t *testing.T) {
	tests := []struct {
		file          string
		sources       int
		sleep, dsleep time.Duration // the worst across sources
		wantErr       bool
	}{
		{"laptop-sonoma.txt", 2, time.Minute, 10 * time.Minute, false},
		{"laptop-slow.txt", 2, 60 * time.Minute, 10 * time.Minute, false},
		{"desktop-never.txt", 1, 0, 30 * time.Minute, false},
		{"crlf.txt", 2, 10 * time.Minute, 10 * time.Minute, false},
		{"empty.txt", 0, 0, 0, true},
		{"garbage.txt", 0, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			srcs, err := parsePmsetCustom(testdata(t, "darwin/pmset/"+tt.file))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			s, _ := worstSetting(srcs, "sleep")
			d, _ := worstSetting(srcs, "displaysleep")
			if len(srcs) != tt.sources || s != tt.sleep || d != tt.dsleep {
				t.Errorf("got %d sources, sleep %v, display %v; want %d, %v, %v", len(srcs), s, d, tt.sources, tt.sleep, tt.dsleep)
			}
		})
	}
}

// Each Mac verdict from the readers on recorded answers: the programs'
// output as files, the rest of the system as the test gives it.
func TestDarwinLockAndPower(t *testing.T) {
	tests := []struct {
		name        string
		lock, pmset string
		idleTime    string // "" not set
		lockStatus  monitor.Status
		lockAdvice  string
		powerStatus monitor.Status
		powerAdvice string
	}{
		{"laptop, 5 minutes and at once", "immediate.txt", "laptop-sonoma.txt", "300", monitor.OK, "screen-lock", monitor.OK, "idle-power.darwin-laptop"},
		{"lock off", "off.txt", "laptop-sonoma.txt", "300", monitor.Critical, "screen-lock.off", monitor.Warn, "idle-power.no-lock"},
		{"no screen saver, display at 10 minutes, 5 more for the password", "300s.txt", "laptop-sonoma.txt", "", monitor.Warn, "screen-lock.slow", monitor.OK, "idle-power.darwin-laptop"},
		{"desktop that never sleeps", "immediate.txt", "desktop-never.txt", "0", monitor.Warn, "screen-lock.slow", monitor.Warn, "idle-power.darwin-desktop"},
		{"sysadminctl says nothing", "empty.txt", "laptop-sonoma.txt", "300", monitor.Unknown, "screen-lock", monitor.Unknown, "idle-power.no-lock"},
		{"pmset garbage", "immediate.txt", "garbage.txt", "300", monitor.OK, "screen-lock", monitor.Unknown, "idle-power"},
		// 10.13 says the lock is on, not after how long: the password
		// may be asked for only hours after the screen turns off.
		{"10.13: on, no delay, 5 minutes", "on-10.13.txt", "laptop-sonoma.txt", "300", monitor.Unknown, "screen-lock", monitor.OK, "idle-power.darwin-laptop"},
		{"10.13: on, no delay, display at 10 minutes", "on-10.13.txt", "laptop-sonoma.txt", "", monitor.Warn, "screen-lock.slow", monitor.OK, "idle-power.darwin-laptop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeUnder(t, dir, "cmd/sysadminctl -screenLock status", testdata(t, "darwin/sysadminctl/"+tt.lock))
			writeUnder(t, dir, "cmd/pmset -g custom", testdata(t, "darwin/pmset/"+tt.pmset))
			key := "cmd/defaults -currentHost read com.apple.screensaver idleTime"
			if tt.idleTime == "" {
				writeUnder(t, dir, key+".exit1", []byte("\nThe domain/default pair of (com.apple.screensaver, idleTime) does not exist\n"))
			} else {
				writeUnder(t, dir, key, []byte(tt.idleTime+"\n"))
			}
			sys := macSystem(t, dir)
			ctx := context.Background()
			lock := judgeMac(readMacLock(ctx, sys))(judgeLock, "screen-lock")
			if lock.Status != tt.lockStatus || lock.Advice != tt.lockAdvice {
				t.Errorf("screen-lock: %s/%s %v %v, want %s/%s", lock.Status, lock.Advice, lock.Finding, lock.Evidence, tt.lockStatus, tt.lockAdvice)
			}
			if strings.HasPrefix(tt.lock, "on-10.13") && lock.Get("lock-delay") != "not reported" {
				t.Errorf("screen-lock: lock-delay %q, want not reported", lock.Get("lock-delay"))
			}
			power := judgeMac(readMacPower(ctx, sys))(judgePower, "idle-power")
			if tt.name == "sysadminctl says nothing" {
				// Sleep is known; whether waking asks for the password is not.
				tt.powerAdvice = "idle-power.darwin-laptop"
			}
			if power.Status != tt.powerStatus || power.Advice != tt.powerAdvice {
				t.Errorf("idle-power: %s/%s %v %v, want %s/%s", power.Status, power.Advice, power.Finding, power.Evidence, tt.powerStatus, tt.powerAdvice)
			}
		})
	}
}

// judgeMac is what a check's Run does with a reader's answer: judge the
// facts, or say why it could not tell.
func judgeMac[F any](f F, err error) func(judge func(F) monitor.Result, advice string) monitor.Result {
	return func(judge func(F) monitor.Result, advice string) monitor.Result {
		if err != nil {
			return unknown(advice, err)
		}
		return judge(f)
	}
}

// macNow is the recorded Mac's clock.
var macNow = time.Date(2024, 6, 20, 9, 0, 0, 0, time.UTC)

// macSystem is a recorded Mac at dir: programs' answers under cmd/ (see
// macRunner), files under fs/ (the root), the running processes in
// processes.txt (one executable path a line), the person's home
// /Users/hanako.
func macSystem(t *testing.T, dir string) host.System {
	t.Helper()
	var procs []host.Process
	if data, err := os.ReadFile(filepath.Join(dir, "processes.txt")); err == nil {
		for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				procs = append(procs, host.Process{PID: int32(100 + i), Name: baseName(line), Exe: line})
			}
		}
	}
	os.MkdirAll(filepath.Join(dir, "fs"), 0o755)
	return host.System{
		Cmd:    macRunner(dir),
		FS:     host.Guarded(os.DirFS(filepath.Join(dir, "fs"))),
		Getenv: func(string) string { return "" },
		Home:   "/Users/hanako",
		Procs:  fixedProcs(procs),
		Now:    func() time.Time { return macNow },
	}
}

// fixedProcs is a process list that does not change.
type fixedProcs []host.Process

func (p fixedProcs) Processes(context.Context) ([]host.Process, error) { return p, nil }

// updatesReport names updates.Report in the tests' function literals.
type updatesReport = updates.Report

// exitWith is a run that exited with code after printing stdout.
func exitWith(code int, stdout []byte) error {
	return &command.ExitError{Name: "test", Code: code, Stdout: stdout}
}
