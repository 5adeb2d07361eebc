package worker

import (
	"fmt"
	"runtime/debug"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// limit puts this process in a job object of its own that bounds its
// memory (committed bytes, the Windows measure) and CPU time, and ends
// whatever the checks started when the worker ends (kill on close: the
// handle is never closed, so it closes when the process exits). Windows 8
// and later allow a process in a job to be put in another one.
func limit(run time.Duration) error {
	debug.SetMemoryLimit(MemoryGoal)
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return fmt.Errorf("creating a job object: %w", err)
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{
		BasicLimitInformation: windows.JOBOBJECT_BASIC_LIMIT_INFORMATION{
			LimitFlags: windows.JOB_OBJECT_LIMIT_PROCESS_MEMORY | windows.JOB_OBJECT_LIMIT_PROCESS_TIME |
				windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | windows.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION,
			// In 100-nanosecond units.
			PerProcessUserTimeLimit: int64(run / 100),
		},
		ProcessMemoryLimit: MaxMemory,
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("setting the job's limits: %w", err)
	}
	if err := windows.AssignProcessToJobObject(job, windows.CurrentProcess()); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("joining the job: %w", err)
	}
	return nil
}
