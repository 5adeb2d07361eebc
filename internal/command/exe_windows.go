package command

// exeSuffix ends the names of Mamori's own programs.
const exeSuffix = ".exe"
