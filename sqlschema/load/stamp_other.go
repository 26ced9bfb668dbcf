//go:build !linux

package load

import "os"

func stampOf(fi os.FileInfo) stamp {
	return stamp{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}

func statStamp(path string) (stamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return stamp{}, err
	}
	return stampOf(fi), nil
}
