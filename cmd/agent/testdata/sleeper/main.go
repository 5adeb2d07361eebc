// sleeper stands in for a service in the Windows tests: it runs, under the
// name it is copied to, until it is killed.
package main

import "time"

func main() { time.Sleep(time.Hour) }
