// Package retry is a stub of github.com/avast/retry-go/v4 for tests.
package retry

import ()

type Option func()

func Do(retryableFunc func() error, opts ...Option) error { return retryableFunc() }
