// libgit2, loaded when first needed instead of when the process starts.
//
// Linked the usual way, libgit2 made the dynamic loader map and relocate it and its dependency
// tree on Debian (mbedTLS, libssh2 and with it OpenSSL's libcrypto, Kerberos/GSSAPI,
// http-parser, PCRE2: 15 libraries, ~5,500 symbol relocations) at the start of every `stet`
// process: ~7 M instructions and ~3 ms of CPU (perf stat: 0.6 → 3.6 ms for an empty C program),
// although the commands run most often (`stet log`, `list`, `diff`, `show`) read only the SQLite
// index and never call git. stet is therefore not linked against libgit2: each function stet
// calls is defined here with libgit2's own prototype (checked by the compiler against the
// headers) and forwards to the library, which `stet_libgit2_load` opens with `dlopen` under the
// soname of the headers it was compiled with (LIBGIT2_SOVERSION) and resolves completely, once,
// so that a missing or incompatible library is one clear error before any git call.
//
// Complexity: O(1) per call (one predictable branch and an indirect call); the load is done once.

#include "CLibgit2.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef LIBGIT2_SOVERSION
#  ifdef __APPLE__
#    define STET_LIBGIT2_FILE "libgit2." LIBGIT2_SOVERSION ".dylib"
#  else
#    define STET_LIBGIT2_FILE "libgit2.so." LIBGIT2_SOVERSION
#  endif
#else
#  ifdef __APPLE__
#    define STET_LIBGIT2_FILE "libgit2.dylib"
#  else
#    define STET_LIBGIT2_FILE "libgit2.so"
#  endif
#endif

// Every libgit2 function stet calls: return type, name, parameters, arguments.
#define STET_LIBGIT2_FUNCTIONS(X, V) \
    X(int, git_blob_create_from_buffer, (git_oid *id, git_repository *repo, const void *buffer, size_t len), (id, repo, buffer, len)) \
    V(git_blob_free, (git_blob *blob), (blob)) \
    X(int, git_blob_lookup, (git_blob **blob, git_repository *repo, const git_oid *id), (blob, repo, id)) \
    X(const void *, git_blob_rawcontent, (const git_blob *blob), (blob)) \
    X(git_object_size_t, git_blob_rawsize, (const git_blob *blob), (blob)) \
    V(git_buf_dispose, (git_buf *buffer), (buffer)) \
    X(int, git_commit_create, \
        (git_oid *id, git_repository *repo, const char *update_ref, const git_signature *author, \
         const git_signature *committer, const char *message_encoding, const char *message, const git_tree *tree, \
         size_t parent_count, const git_commit *parents[]), \
        (id, repo, update_ref, author, committer, message_encoding, message, tree, parent_count, parents)) \
    V(git_commit_free, (git_commit *commit), (commit)) \
    X(int, git_commit_lookup, (git_commit **commit, git_repository *repo, const git_oid *id), (commit, repo, id)) \
    X(const char *, git_commit_message, (const git_commit *commit), (commit)) \
    X(const git_oid *, git_commit_parent_id, (const git_commit *commit, unsigned int n), (commit, n)) \
    X(unsigned int, git_commit_parentcount, (const git_commit *commit), (commit)) \
    X(git_time_t, git_commit_time, (const git_commit *commit), (commit)) \
    X(int, git_commit_time_offset, (const git_commit *commit), (commit)) \
    X(const git_oid *, git_commit_tree_id, (const git_commit *commit), (commit)) \
    X(const git_error *, git_error_last, (void), ()) \
    X(int, git_libgit2_init, (void), ()) \
    X(int, git_mempack_new, (git_odb_backend **out), (out)) \
    X(int, git_mempack_reset, (git_odb_backend *backend), (backend)) \
    X(int, git_odb_add_backend, (git_odb *odb, git_odb_backend *backend, int priority), (odb, backend, priority)) \
    V(git_odb_free, (git_odb *db), (db)) \
    X(int, git_odb_hash, (git_oid *out, const void *data, size_t len, git_object_t type), (out, data, len, type)) \
    X(int, git_odb_refresh, (struct git_odb *db), (db)) \
    X(int, git_odb_write_pack, \
        (git_odb_writepack **out, git_odb *db, git_indexer_progress_cb progress_cb, void *progress_payload), \
        (out, db, progress_cb, progress_payload)) \
    V(git_packbuilder_free, (git_packbuilder *pb), (pb)) \
    X(int, git_packbuilder_insert, (git_packbuilder *pb, const git_oid *id, const char *name), (pb, id, name)) \
    X(int, git_packbuilder_insert_commit, (git_packbuilder *pb, const git_oid *id), (pb, id)) \
    X(const char *, git_packbuilder_name, (git_packbuilder *pb), (pb)) \
    X(int, git_packbuilder_new, (git_packbuilder **out, git_repository *repo), (out, repo)) \
    X(unsigned int, git_packbuilder_set_threads, (git_packbuilder *pb, unsigned int n), (pb, n)) \
    X(int, git_packbuilder_write, \
        (git_packbuilder *pb, const char *path, unsigned int mode, git_indexer_progress_cb progress_cb, void *progress_cb_payload), \
        (pb, path, mode, progress_cb, progress_cb_payload)) \
    X(int, git_packbuilder_write_buf, (git_buf *buf, git_packbuilder *pb), (buf, pb)) \
    X(int, git_reference_create, \
        (git_reference **out, git_repository *repo, const char *name, const git_oid *id, int force, const char *log_message), \
        (out, repo, name, id, force, log_message)) \
    X(int, git_reference_create_matching, \
        (git_reference **out, git_repository *repo, const char *name, const git_oid *id, int force, const git_oid *current_id, \
         const char *log_message), \
        (out, repo, name, id, force, current_id, log_message)) \
    V(git_reference_free, (git_reference *ref), (ref)) \
    X(int, git_reference_list, (git_strarray *array, git_repository *repo), (array, repo)) \
    X(int, git_reference_lookup, (git_reference **out, git_repository *repo, const char *name), (out, repo, name)) \
    X(int, git_reference_name_to_id, (git_oid *out, git_repository *repo, const char *name), (out, repo, name)) \
    V(git_repository_free, (git_repository *repo), (repo)) \
    X(int, git_repository_init, (git_repository **out, const char *path, unsigned is_bare), (out, path, is_bare)) \
    X(int, git_repository_odb, (git_odb **out, git_repository *repo), (out, repo)) \
    X(int, git_repository_open_bare, (git_repository **out, const char *bare_path), (out, bare_path)) \
    V(git_signature_free, (git_signature *sig), (sig)) \
    X(int, git_signature_new, (git_signature **out, const char *name, const char *email, git_time_t time, int offset), \
        (out, name, email, time, offset)) \
    V(git_strarray_dispose, (git_strarray *array), (array)) \
    X(const git_tree_entry *, git_tree_entry_byindex, (const git_tree *tree, size_t idx), (tree, idx)) \
    X(const git_oid *, git_tree_entry_id, (const git_tree_entry *entry), (entry)) \
    X(const char *, git_tree_entry_name, (const git_tree_entry *entry), (entry)) \
    X(git_object_t, git_tree_entry_type, (const git_tree_entry *entry), (entry)) \
    X(size_t, git_tree_entrycount, (const git_tree *tree), (tree)) \
    V(git_tree_free, (git_tree *tree), (tree)) \
    X(int, git_tree_lookup, (git_tree **out, git_repository *repo, const git_oid *id), (out, repo, id)) \
    V(git_treebuilder_free, (git_treebuilder *bld), (bld)) \
    X(int, git_treebuilder_insert, \
        (const git_tree_entry **out, git_treebuilder *bld, const char *filename, const git_oid *id, git_filemode_t filemode), \
        (out, bld, filename, id, filemode)) \
    X(int, git_treebuilder_new, (git_treebuilder **out, git_repository *repo, const git_tree *source), (out, repo, source)) \
    X(int, git_treebuilder_write, (git_oid *id, git_treebuilder *bld), (id, bld))

// The resolved functions.
#define STET_POINTER(type, name, parameters, arguments) static type(*stet_##name) parameters;
#define STET_VOID_POINTER(name, parameters, arguments) static void(*stet_##name) parameters;
STET_LIBGIT2_FUNCTIONS(STET_POINTER, STET_VOID_POINTER)

static pthread_once_t stet_libgit2_once = PTHREAD_ONCE_INIT;
static const char *stet_libgit2_failure;
static char stet_libgit2_message[512];

static void stet_libgit2_open(void) {
    void *library = dlopen(STET_LIBGIT2_FILE, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(stet_libgit2_message, sizeof stet_libgit2_message, "cannot load %s: %s", STET_LIBGIT2_FILE,
                 reason ? reason : "unknown error");
        stet_libgit2_failure = stet_libgit2_message;
        return;
    }
#define STET_RESOLVE(name) \
    *(void **)(&stet_##name) = dlsym(library, #name); \
    if (stet_##name == NULL) { \
        snprintf(stet_libgit2_message, sizeof stet_libgit2_message, "%s has no %s", STET_LIBGIT2_FILE, #name); \
        stet_libgit2_failure = stet_libgit2_message; \
        return; \
    }
#define STET_RESOLVE_VALUE(type, name, parameters, arguments) STET_RESOLVE(name)
#define STET_RESOLVE_VOID(name, parameters, arguments) STET_RESOLVE(name)
    STET_LIBGIT2_FUNCTIONS(STET_RESOLVE_VALUE, STET_RESOLVE_VOID)
}

const char *stet_libgit2_load(void) {
    pthread_once(&stet_libgit2_once, stet_libgit2_open);
    return stet_libgit2_failure;
}

// Reached only by a git call made without `stet_libgit2_load` succeeding first (the Swift side
// loads before opening or creating a repository and reports a failure as a `GitError`).
static void stet_libgit2_require(void) {
    const char *failure = stet_libgit2_load();
    if (failure != NULL) {
        fprintf(stderr, "stet: %s\n", failure);
        abort();
    }
}

// The forwarding definitions, with libgit2's own prototypes.
#define STET_FORWARD(type, name, parameters, arguments) \
    type name parameters { \
        if (__builtin_expect(stet_##name == NULL, 0)) stet_libgit2_require(); \
        return stet_##name arguments; \
    }
#define STET_VOID_FORWARD(name, parameters, arguments) \
    void name parameters { \
        if (__builtin_expect(stet_##name == NULL, 0)) stet_libgit2_require(); \
        stet_##name arguments; \
    }
STET_LIBGIT2_FUNCTIONS(STET_FORWARD, STET_VOID_FORWARD)
