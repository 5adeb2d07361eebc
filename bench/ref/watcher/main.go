// Command watcher is a benchmark reference: the least a resident agent
// that keeps watch can be. Beside the floor's tray it holds what Mamori's
// agent must hold (a private session connection listening for
// notification actions and dconf writes, a system connection listening to
// NetworkManager, a file watch, a local socket) and, every 10 s and on
// each event, runs the command its arguments name (`mamori check --json`
// in the bench), reads its output and sets sixteen menu items. It judges,
// words and remembers nothing: the difference between it and the agent is
// what the agent's own work costs while resident.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"fyne.io/systray"
	"github.com/fsnotify/fsnotify"
	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
)

func main() {
	// Tuned as the agent is (cmd/agent): a GC goal of 20%, one P, the
	// memory a run used returned a second after it.
	debug.SetGCPercent(20)
	runtime.GOMAXPROCS(1)
	systray.Run(func() { ready(os.Args[1:]) }, func() {})
}

func ready(sweep []string) {
	systray.SetIcon(mamori.TrayIcon("ok"))
	systray.SetTooltip("reference")
	items := make([]*systray.MenuItem, 16)
	for i := range items {
		items[i] = systray.AddMenuItem(fmt.Sprintf("Check %d", i), "")
	}
	quit := systray.AddMenuItem("Quit", "")
	go func() {
		<-quit.ClickedCh
		systray.Quit()
	}()

	events := make(chan struct{}, 1)
	poke := func() {
		select {
		case events <- struct{}{}:
		default:
		}
	}
	listen := func(c *dbus.Conn, opts ...dbus.MatchOption) {
		if err := c.AddMatchSignal(opts...); err != nil {
			fmt.Fprintln(os.Stderr, "watcher:", err)
		}
	}
	if c, err := dbus.ConnectSessionBus(); err == nil {
		listen(c, dbus.WithMatchInterface("org.freedesktop.Notifications"), dbus.WithMatchMember("ActionInvoked"))
		listen(c, dbus.WithMatchInterface("ca.desrt.dconf.Writer"))
		forward(c, poke)
	}
	if c, err := dbus.ConnectSystemBus(); err == nil {
		listen(c, dbus.WithMatchSender("org.freedesktop.NetworkManager"), dbus.WithMatchInterface("org.freedesktop.DBus.Properties"))
		forward(c, poke)
	}
	if w, err := fsnotify.NewWatcher(); err == nil {
		home, _ := os.UserHomeDir()
		for _, d := range []string{"/etc", filepath.Join(home, ".config"), "/var/lib/dpkg"} {
			w.Add(d)
		}
		go func() {
			for {
				select {
				case <-w.Events:
					poke()
				case <-w.Errors:
				}
			}
		}()
	}
	if l, err := net.Listen("unix", filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), "watcher.sock")); err == nil {
		go serve(l)
	}
	go func() {
		tick := time.NewTicker(10 * time.Second)
		for n := 0; ; n++ {
			lines := run(sweep)
			// Said on standard output, so that the bench can tell that
			// the sweeps ran: a failing one would make this reference
			// look cheaper than it is.
			fmt.Printf("sweep %d: %d lines\n", n+1, lines)
			for i, it := range items {
				it.SetTitle(fmt.Sprintf("Check %d: %d lines (%d)", i, lines, n%2))
			}
			time.AfterFunc(time.Second, func() {
				runtime.GC()
				debug.FreeOSMemory()
			})
			select {
			case <-tick.C:
			case <-events:
				time.Sleep(2 * time.Second) // settle, as the agent does
			}
		}
	}()
}

func forward(c *dbus.Conn, poke func()) {
	ch := make(chan *dbus.Signal, 16)
	c.Signal(ch)
	go func() {
		for range ch {
			poke()
		}
	}()
}

func serve(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			if bufio.NewScanner(c).Scan() {
				c.Write([]byte("ok\n"))
			}
		}()
	}
}

// run runs the sweep's command and counts the lines it printed.
func run(sweep []string) int {
	if len(sweep) == 0 {
		return 0
	}
	cmd := exec.Command(sweep[0], sweep[1:]...)
	out, err := cmd.StdoutPipe()
	if err != nil || cmd.Start() != nil {
		return 0
	}
	s := bufio.NewScanner(out)
	s.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for s.Scan() {
		n++
	}
	cmd.Wait()
	return n
}
