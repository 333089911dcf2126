// PostgreSQL's table lock modes as one ordered vocabulary: what a migration step claims ("SHARE UPDATE
// EXCLUSIVE", the docs' spelling) and what pg_locks reports ("ShareUpdateExclusiveLock") map onto the same
// values, so a claim can be compared with a measurement (verify/step_locks.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dbarch::analyzers {

// Weakest first (docs: "Explicit Locking", table 13.2). Each mode conflicts with at least the modes a weaker
// one conflicts with, so "stronger" is the order of the enumerators.
enum class LockLevel {
  kNone,
  kAccessShare,
  kRowShare,
  kRowExclusive,
  kShareUpdateExclusive,
  kShare,
  kShareRowExclusive,
  kExclusive,
  kAccessExclusive
};

// "ACCESS EXCLUSIVE", …, "NONE".
std::string LockLevelName(LockLevel level);
// The inverse of LockLevelName; nullopt for anything else.
std::optional<LockLevel> ParseLockLevel(std::string_view name);
// pg_locks.mode ("AccessExclusiveLock", …); nullopt for modes that are not table lock modes.
std::optional<LockLevel> LockLevelFromPgMode(std::string_view mode);

}  // namespace dbarch::analyzers
