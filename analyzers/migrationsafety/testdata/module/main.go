// Package main is the module root package: it reports the configured
// migration directories.
package main

func main() {}
