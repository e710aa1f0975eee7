#ifndef STET_CLIBGIT2_H
#define STET_CLIBGIT2_H
#include <git2.h>
// The in-memory object store a batch of snapshots writes into before it becomes one pack.
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>

/// Loads libgit2 (the shared library the headers above describe) on first call and resolves
/// every libgit2 function stet calls. Returns NULL once it is loaded, else why it could not be
/// (the message stays valid for the life of the process). Thread-safe; later calls are cheap.
const char *stet_libgit2_load(void);

#endif
