// Hands an object over to the operating system, which reclaims its memory when the process exits, instead of to
// its destructor. For a command's large results once its output is written: freeing a 30 MB lint corpus's
// 420 000 findings and its catalog one allocation at a time took 0.2 s of a 5 s run, just before exiting.
// The object stays reachable from a static list, so leak checkers do not report it. Use only in a command's
// last steps — anything kept is never destroyed, so it must not own resources other than memory (no files,
// connections or child processes: those need their destructors).
#pragma once

#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

namespace dbarch {

template <class T>
void KeepUntilExit(T&& value) {
  static std::mutex mutex;
  static auto* const kept = new std::vector<const void*>();
  auto* moved = new std::decay_t<T>(std::forward<T>(value));
  std::lock_guard lock(mutex);
  kept->push_back(moved);
}

}  // namespace dbarch
