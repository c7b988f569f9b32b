//go:build unix && !linux

package moto

import "syscall"

// setDeathSignal does nothing where the kernel has no parent-death signal: stop must be called.
func setDeathSignal(*syscall.SysProcAttr) {}
