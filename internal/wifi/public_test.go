package wifi

import "testing"

func TestCatalogLookup(t *testing.T) {
	c, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	match := []string{
		"00000JAPAN", "0000docomo", "0001softbank", "at_STARBUCKS_Wi2", "7SPOT", "Famima_Wi-Fi",
		"xfinitywifi", "ATTWIFI", "Boingo Hotspot", "Osaka Free Wi-Fi",
		"Hotel-Guest", "GuestNet", "guest", "CoffeeShop_FREE_Wi-Fi", "Free Wi-Fi", "FreeWiFi",
		"freewifi", "Airport Free", "city-library", "Lobby", "PUBLIC_WLAN", "Visitors", "Café Wi-Fi",
		"駅前無料Wi-Fi", "公衆無線LAN", "フリーWi-Fi", "カフェのフリー", "hotelwifi", "TPE-Free",
	}
	noMatch := []string{
		"freedom-5G", "Freedom", "HomeNet", "guesthouse-owner", "publican", "stationery", "Hotelier-5G",
		"フリーダム", "田中家", "", "Buffet", "cafeteria-staff", "AirPort Extreme" + "X", "librarian",
		"\xff\xfefree",
	}
	for _, s := range match {
		if _, ok := c.Lookup([]byte(s)); !ok {
			t.Errorf("%q should look public", s)
		}
	}
	for _, s := range noMatch {
		if m, ok := c.Lookup([]byte(s)); ok {
			t.Errorf("%q should not look public (matched %+v)", s, m)
		}
	}
	if m, _ := c.Lookup([]byte("00000japan")); m.Known == nil || m.Known.Conf != "A" {
		t.Errorf("00000japan: %+v, want the known entry", m)
	}
}
