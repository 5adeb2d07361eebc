package wifi

import "github.com/mamori-project/mamori/internal/command"

// native: system_profiler, which tells the security of the connected
// network (and its name, with the location permission).
func native() Native { return &SystemProfiler{Cmd: &command.Exec{}} }
