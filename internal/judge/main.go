package judge

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/tray"
)

// Usage is how the agent calls the judge; not for people to type.
const Usage = `mamori-worker judge [--every-change] [--silent] --state DIR EVENT
EVENT: start | run [CHECK...] | tray ITEM |
       invoked KEY ACTION [SSID-HEX SECURITY BSSID] | unshown CHECK |
       undoing CHECK | reload | policy | redraw`

// Main decides the event args name and returns the process's exit code: 0
// when it was decided, 64 for a call the judge does not know, 70 when it
// failed (the log says why). j's Dir, NotifyEveryChange and Silent come
// from args.
func Main(ctx context.Context, j *Judge, args []string) int {
	for len(args) > 0 {
		switch args[0] {
		case "--every-change":
			j.NotifyEveryChange, args = true, args[1:]
			continue
		case "--silent":
			j.Silent, args = true, args[1:]
			continue
		case "--state":
			if len(args) < 2 {
				return usage()
			}
			j.Dir, args = args[1], args[2:]
			continue
		}
		break
	}
	if j.Dir == "" || len(args) == 0 {
		return usage()
	}
	event, args := args[0], args[1:]
	var err error
	switch {
	case event == "start" && len(args) == 0:
		err = j.Start(ctx)
	case event == "run":
		err = j.Run(ctx, args)
	case event == "tray" && len(args) == 1:
		err = j.Tray(ctx, tray.EventKind(args[0]))
	case event == "invoked" && (len(args) == 2 || len(args) == 5):
		var network *monitor.WiFiNetwork
		if len(args) == 5 {
			ssid, herr := hex.DecodeString(args[2])
			if herr != nil {
				return usage()
			}
			network = &monitor.WiFiNetwork{SSID: ssid, Security: args[3], BSSID: args[4]}
		}
		err = j.Invoked(ctx, args[0], args[1], network)
	case event == "unshown" && len(args) == 1:
		err = j.Unshown(ctx, args[0])
	case event == "undoing" && len(args) == 1:
		err = j.Undoing(ctx, args[0])
	case event == "reload" && len(args) == 0:
		err = j.Reload(ctx)
	case event == "policy" && len(args) == 0:
		err = j.Policy(ctx)
	case event == "redraw" && len(args) == 0:
		err = j.Redraw(ctx)
	default:
		return usage()
	}
	if err != nil {
		j.Log.Error("judging "+event, "err", err)
		return 70
	}
	return 0
}

func usage() int {
	fmt.Fprintln(os.Stderr, "usage: "+Usage)
	return 64
}
