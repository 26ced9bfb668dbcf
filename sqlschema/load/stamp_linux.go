//go:build linux

package load

import (
	"os"
	"syscall"
)

func stampOf(fi os.FileInfo) stamp {
	s := stamp{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		// ctime cannot be set from user space: any write or chtimes
		// moves it, which catches tools that restore an old mtime.
		s.Ctime = int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec)
		s.Ino = uint64(st.Ino)
	}
	return s
}
