//go:build !unix && !windows

package platform

import "errors"

// FreeBytes is not known on this system.
func FreeBytes(dir string) (uint64, error) { return 0, errors.New("不支持") }
