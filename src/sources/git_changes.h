// Which files a change touches, from git: what `dbarch lint --since <ref>` reports on in CI.
#pragma once

#include <set>
#include <string>

#include "dbarch/status.h"

namespace dbarch::sources {

// The files changed since `ref` in the repository holding `dir`: committed on this branch since it forked from
// ref (git diff ref...HEAD), modified or staged in the work tree, and untracked (not ignored) — as absolute,
// normalized paths. Errors: not a git repository, an unknown revision, or a ref with characters no revision
// has (the ref reaches git as one quoted argument, never the shell).
Result<std::set<std::string>> FilesChangedSince(const std::string& ref, const std::string& dir);

}  // namespace dbarch::sources
