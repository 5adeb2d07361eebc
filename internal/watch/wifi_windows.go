package watch

import (
	"context"

	"github.com/mamori-project/mamori/internal/wifi"
)

// kernelWiFi is the WLAN API's connection notifications.
func kernelWiFi(ctx context.Context, ready, changed func()) error {
	return (&wifi.WLAN{}).Watch(ctx, ready, changed)
}
