package fix

// Xfce: xfconf-query, through xfconfd.

// xfconfType is the type xfconf-query creates a property with; a property
// that exists keeps its own.
func xfconfType(k Kind) string {
	if k == Switch {
		return "bool"
	}
	return "int"
}
