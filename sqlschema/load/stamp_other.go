//go:build !linux

package load

import "os"

func stampOf(fi os.FileInfo) stamp {
	return stamp{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}
