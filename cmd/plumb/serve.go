package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/plumbhq/plumb/emulator"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "[--addr HOST:PORT] [--fault NAME]... [--list-faults]", stderr)
	addr := fs.String("addr", "127.0.0.1:4566", "address to listen on")
	var faults multiFlag
	fs.Var(&faults, "fault", "inject a named fault (repeatable); see --list-faults")
	list := fs.Bool("list-faults", false, "print the fault catalogue and exit")
	maxBody := fs.Int64("max-body", 1<<20, "largest request body accepted, in bytes")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "serve", "unexpected argument %q", fs.Arg(0))
	}
	if *list {
		printFaults(stdout)
		return exitOK
	}
	if *maxBody <= 0 {
		return usageError(stderr, "serve", "--max-body must be positive, got %d", *maxBody)
	}
	// Catch the signals before announcing the address: a supervisor may stop the emulator as
	// soon as it reads that line, and that must still be a clean stop.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := emulator.Start(emulator.Config{Faults: faults, MaxBodyBytes: *maxBody}, *addr)
	if err != nil {
		return usageError(stderr, "serve", "%v", err)
	}
	fmt.Fprintf(stdout, "plumb emulator listening on %s\n", srv.URL)
	if len(faults) > 0 {
		fmt.Fprintf(stdout, "faults injected: %v\n", []string(faults))
	}
	<-ctx.Done()
	fmt.Fprintln(stdout, "plumb emulator stopping")
	if err := srv.Close(); err != nil {
		fmt.Fprintf(stderr, "plumb serve: shutdown: %v\n", err)
		return exitNonConform
	}
	return exitOK
}

func printFaults(w io.Writer) {
	for _, f := range emulator.Faults() {
		fmt.Fprintf(w, "%-34s %-13s %-17s %s\n", f.Name, f.Class, f.Operation, f.Description)
	}
}
