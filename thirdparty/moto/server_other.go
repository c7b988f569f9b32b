//go:build !unix

package moto

import (
	"context"
	"fmt"
	"io"
	"time"
)

// ErrNotFound means moto_server is not available; on this platform Start always returns it.
var ErrNotFound = fmt.Errorf("moto_server is only run on unix platforms")

// DefaultReadyTimeout bounds the wait for a started moto_server to answer HTTP.
const DefaultReadyTimeout = 60 * time.Second

// Options tune Start (see the unix implementation).
type Options struct {
	Bin          string
	ReadyTimeout time.Duration
	Log          io.Writer
}

// Find reports ErrNotFound: moto_server is only run on unix platforms.
func Find() (string, error) { return "", ErrNotFound }

// Start reports ErrNotFound: moto_server is only run on unix platforms.
func Start(context.Context, Options) (string, func(), error) { return "", nil, ErrNotFound }
