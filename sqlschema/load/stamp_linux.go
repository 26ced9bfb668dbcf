//go:build linux

package load

import (
	"os"
	"syscall"
)

func stampOf(fi os.FileInfo) stamp {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return stampOfStat(st)
	}
	return stamp{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}

func stampOfStat(st *syscall.Stat_t) stamp {
	return stamp{
		Size:  st.Size,
		Mtime: int64(st.Mtim.Sec)*1e9 + int64(st.Mtim.Nsec),
		// ctime cannot be set from user space: any write or chtimes
		// moves it, which catches tools that restore an old mtime.
		Ctime: int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec),
		Ino:   uint64(st.Ino),
	}
}

// statStamp stats path (following symlinks) without the allocations of
// os.Stat: the warm cache path stats every migration file.
func statStamp(path string) (stamp, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Stat(path, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return stamp{}, err
		}
		return stampOfStat(&st), nil
	}
}
