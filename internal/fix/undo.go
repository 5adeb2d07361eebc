package fix

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"github.com/mamori-project/mamori/internal/atomicfile"
)

// Undos keeps, per check, the last plan applied, so that the status window
// can undo it after being closed and opened again. The file is the
// person's: written with mode 0600 beside the settings.
type Undos struct{ Path string }

func (u Undos) read() (map[string]Plan, error) {
	plans := map[string]Plan{}
	data, err := atomicfile.Read(u.Path, 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return plans, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &plans); err != nil {
		return nil, fmt.Errorf("reading %s: %w", u.Path, err)
	}
	return plans, nil
}

func (u Undos) write(plans map[string]Plan) error {
	data, err := json.MarshalIndent(plans, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(u.Path, data, 0o600)
}

// Keep records plan as the one to undo for its check.
func (u Undos) Keep(plan Plan) error {
	plans, err := u.read()
	if err != nil {
		return err
	}
	plans[plan.Check] = plan
	return u.write(plans)
}

// Get returns the plan to undo for check, if there is one.
func (u Undos) Get(check string) (Plan, bool) {
	plans, err := u.read()
	if err != nil {
		return Plan{}, false
	}
	p, ok := plans[check]
	return p, ok && p.Check == check && len(p.Changes) > 0
}

// Forget drops the plan of check, once undone.
func (u Undos) Forget(check string) error {
	plans, err := u.read()
	if err != nil {
		return err
	}
	delete(plans, check)
	return u.write(plans)
}
