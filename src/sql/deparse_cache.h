// Deparsed SQL texts computed ahead of need, keyed by the parse-tree node they were computed from.
//
// Turning a node back into SQL (libpg_query's deparser: serialize, unpack in C, print) is the costliest step of
// replaying DDL into the schema model, and `dbarch lint` replays on one thread while its parse workers have
// time to spare. So a worker fills a cache for the nodes the replay will print (see
// sources::ddl::PrecomputeReplayTexts), and while a ScopedDeparseCache is alive on the replaying thread,
// sql::Deparse and sql::DeparseExpr answer from it. An entry is used only for the node it was computed from:
// the node's address and its serialized size must both match, so a cache never answers for another tree.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "pg_query.pb.h"

namespace dbarch::sql {

class DeparseCache {
 public:
  // `text` is what Deparse (statement = true) or DeparseExpr (statement = false) returned for `node`.
  void Add(const pg_query::Node& node, bool statement, std::string text);
  // The text for `node`, or nullptr when it was not computed ahead.
  const std::string* Find(const pg_query::Node& node, bool statement) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    size_t serialized_size = 0;
    bool statement = false;
    std::string text;
  };
  std::unordered_map<const pg_query::Node*, Entry> entries_;
};

// Installs `cache` for Deparse/DeparseExpr on this thread until destroyed (then the previous one, if any).
class ScopedDeparseCache {
 public:
  explicit ScopedDeparseCache(const DeparseCache* cache);
  ~ScopedDeparseCache();
  ScopedDeparseCache(const ScopedDeparseCache&) = delete;
  ScopedDeparseCache& operator=(const ScopedDeparseCache&) = delete;

 private:
  const DeparseCache* previous_;
};

// The cache installed on this thread, or nullptr.
const DeparseCache* CurrentDeparseCache();

}  // namespace dbarch::sql
