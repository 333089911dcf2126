#include "analyzers/lock_level.h"

#include <array>
#include <utility>

namespace dbarch::analyzers {
namespace {

struct Names {
  LockLevel level;
  std::string_view name;     // as the docs and LOCK TABLE spell it
  std::string_view pg_mode;  // as pg_locks.mode reports it
};

constexpr std::array<Names, 9> kNames{{
    {LockLevel::kNone, "NONE", ""},
    {LockLevel::kAccessShare, "ACCESS SHARE", "AccessShareLock"},
    {LockLevel::kRowShare, "ROW SHARE", "RowShareLock"},
    {LockLevel::kRowExclusive, "ROW EXCLUSIVE", "RowExclusiveLock"},
    {LockLevel::kShareUpdateExclusive, "SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"},
    {LockLevel::kShare, "SHARE", "ShareLock"},
    {LockLevel::kShareRowExclusive, "SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"},
    {LockLevel::kExclusive, "EXCLUSIVE", "ExclusiveLock"},
    {LockLevel::kAccessExclusive, "ACCESS EXCLUSIVE", "AccessExclusiveLock"},
}};

}  // namespace

std::string LockLevelName(LockLevel level) {
  for (const auto& n : kNames) {
    if (n.level == level) return std::string(n.name);
  }
  return "ACCESS EXCLUSIVE";
}

std::optional<LockLevel> ParseLockLevel(std::string_view name) {
  for (const auto& n : kNames) {
    if (n.name == name) return n.level;
  }
  return std::nullopt;
}

std::optional<LockLevel> LockLevelFromPgMode(std::string_view mode) {
  for (const auto& n : kNames) {
    if (!n.pg_mode.empty() && n.pg_mode == mode) return n.level;
  }
  return std::nullopt;
}

}  // namespace dbarch::analyzers
