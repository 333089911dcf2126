#include "sql/deparse_cache.h"

namespace dbarch::sql {

namespace {
thread_local const DeparseCache* current_cache = nullptr;
}  // namespace

void DeparseCache::Add(const pg_query::Node& node, bool statement, std::string text) {
  entries_[&node] = Entry{node.ByteSizeLong(), statement, std::move(text)};
}

const std::string* DeparseCache::Find(const pg_query::Node& node, bool statement) const {
  auto it = entries_.find(&node);
  if (it == entries_.end() || it->second.statement != statement) return nullptr;
  if (it->second.serialized_size != node.ByteSizeLong()) return nullptr;
  return &it->second.text;
}

ScopedDeparseCache::ScopedDeparseCache(const DeparseCache* cache) : previous_(current_cache) { current_cache = cache; }

ScopedDeparseCache::~ScopedDeparseCache() { current_cache = previous_; }

const DeparseCache* CurrentDeparseCache() { return current_cache; }

}  // namespace dbarch::sql
