//go:build !unix

package store

// folderWritable is true where folder permissions are not unix modes: a
// folder that refuses the -wal file then fails at the first write, which
// the app reports as "Not saved".
func folderWritable(string) bool { return true }
