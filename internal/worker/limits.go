package worker

// The worker's memory. A sweep needs a few MB; the largest thing a check
// reads is a browser's SQLite file, kept under 64 MiB. MaxMemory is far
// above what the Go runtime and the programs the checks run need (apt
// keeps its cache in private memory) and far below what would trouble the
// person's machine; MemoryGoal makes the collector work harder well before
// it.
const (
	MaxMemory  = 512 << 20
	MemoryGoal = 256 << 20
)
