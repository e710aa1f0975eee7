#ifndef STET_CLIBGIT2_SHIM_H
#define STET_CLIBGIT2_SHIM_H
#include <git2.h>
// The in-memory object store a batch of snapshots writes into before it becomes one pack.
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>
#endif
