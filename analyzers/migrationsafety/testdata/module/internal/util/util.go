// Package util has nothing to do with migrations.
package util

// Two is 2.
const Two = 2
