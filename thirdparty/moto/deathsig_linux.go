package moto

import "syscall"

// setDeathSignal has the kernel kill moto_server if the process that started it dies without
// calling stop (a test binary killed by its timeout, say), so that no server outlives it.
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
