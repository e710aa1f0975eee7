#ifndef STET_CLIBGIT2_SHIM_H
#define STET_CLIBGIT2_SHIM_H
#include <git2.h>
#endif
