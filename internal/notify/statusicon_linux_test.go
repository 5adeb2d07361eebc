package notify

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestNotificationShowsTheFindingsStatus: a finding's notification carries
// the tray's icon of its status as image-data (the red shield for a
// critical one, the amber for a warning), not the app's own icon, which
// reads as all is well. Played through the Announcer to the recording
// notification server.
func TestNotificationShowsTheFindingsStatus(t *testing.T) {
	s := testenv.DBusSession(t)
	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body", "body-images")
	if err != nil {
		t.Fatal(err)
	}
	app, err := ImageData(mamori.IconPixels64(), 64)
	if err != nil {
		t.Fatal(err)
	}
	sender := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori", Icon: "io.github.mamori_project.Mamori", Image: &app,
		StatusImage: func(st monitor.Status) (dbus.Variant, bool) {
			img, err := PNGImageData(mamori.TrayIcon(string(st)))
			return img, err == nil
		}}
	a := &Announcer{Policy: &Policy{Enabled: true}, Send: sender, Printer: printer(t, "en")}
	ok := wifiResult(monitor.OK, "wifi", "finding.wifi.ok", "HomeNet")
	for _, tc := range []struct {
		status monitor.Status
		advice string
	}{
		{monitor.Critical, "wifi.open"},
		{monitor.Warn, "wifi.public"},
	} {
		t.Run(string(tc.status), func(t *testing.T) {
			a.Handle(context.Background(), monitor.Change{Old: &ok, New: wifiResult(tc.status, tc.advice, "finding.wifi.open", "Cafe-"+string(tc.status))})
			c := srv.Next(t, 5*time.Second)
			v, found := c.Hints["image-data"]
			if !found {
				t.Fatalf("no image-data hint: %v", c.Hints)
			}
			var got Image
			if err := dbus.Store([]any{v.Value()}, &got); err != nil {
				t.Fatalf("image-data is not (iiibiiay): %v", err)
			}
			want, err := PNGImageData(mamori.TrayIcon(string(tc.status)))
			if err != nil {
				t.Fatal(err)
			}
			var w Image
			dbus.Store([]any{want.Value()}, &w)
			if bytes.Equal(got.Data, mamori.IconPixels64()) {
				t.Fatalf("the notification carries the app's icon, not the %s status icon", tc.status)
			}
			if got.Width != w.Width || !bytes.Equal(got.Data, w.Data) {
				t.Errorf("image-data is not the %s tray icon (%dx%d)", tc.status, got.Width, got.Height)
			}
		})
	}
}
