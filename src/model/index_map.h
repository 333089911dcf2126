// The catalog's indexes, keyed by index name, with a lookup by table that does not scan every index.
//
// Replaying tens of thousands of migrations asks "which indexes are on this table?" for every DROP COLUMN,
// every lint rule and every report table; a scan of all indexes each time made those quadratic. So the map
// keeps a table → index names lookup beside it, and guards it by construction:
// - reads (iteration, find, at) hand out const access only, so a change that bypasses the writers below
//   does not compile;
// - emplace / insert_or_assign / erase / erase_if keep the lookup up to date in place;
// - the general writers (operator[], Mutable, ForEachMutable), which could change an index's table, mark
//   the lookup stale and the next lookup by table rebuilds it in one pass.
// Lookups by table are safe from several threads at once (the rebuild is locked); writers are not, like
// any standard container.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "model/index.h"

namespace dbarch::model {

class IndexMap {
 public:
  using Map = std::map<QualifiedName, Index>;
  using value_type = Map::value_type;
  using const_iterator = Map::const_iterator;
  using iterator = const_iterator;

  IndexMap() = default;
  IndexMap(const IndexMap& other) : map_(other.map_) {}
  IndexMap(IndexMap&& other) noexcept : map_(std::move(other.map_)) { other.MarkStale(); }
  IndexMap& operator=(const IndexMap& other);
  IndexMap& operator=(IndexMap&& other) noexcept;

  const_iterator begin() const { return map_.begin(); }
  const_iterator end() const { return map_.end(); }
  size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }
  const_iterator find(const QualifiedName& name) const { return map_.find(name); }
  size_t count(const QualifiedName& name) const { return map_.count(name); }
  bool contains(const QualifiedName& name) const { return map_.count(name) != 0; }
  const Index& at(const QualifiedName& name) const { return map_.at(name); }
  const Map& map() const { return map_; }

  // Adds the index unless the name is taken (like std::map::emplace). Taken by reference, like the standard
  // container's, so `emplace(index.name, std::move(index))` reads the name before the index is moved.
  std::pair<const_iterator, bool> emplace(const QualifiedName& name, Index&& index);
  std::pair<const_iterator, bool> emplace(const QualifiedName& name, const Index& index);
  std::pair<const_iterator, bool> insert_or_assign(const QualifiedName& name, Index&& index);
  size_t erase(const QualifiedName& name);
  const_iterator erase(const_iterator it);
  // Erases every index for which `doomed(const Index&)` holds; returns how many.
  template <class Predicate>
  size_t erase_if(Predicate doomed);
  void clear();

  // Changes one index through fn(Index&), keeping the lookup by table right; false when absent.
  template <class Fn>
  bool Modify(const QualifiedName& name, Fn fn);
  // Moves an index to a new name (its `name` field follows); false when `from` is absent or `to` is taken.
  bool Rename(const QualifiedName& from, const QualifiedName& to);
  // Writable access to one index (created empty by operator[] when absent; nullptr from Mutable when absent).
  // Both mark the lookup by table stale: prefer Modify on paths that run once per statement.
  Index& operator[](const QualifiedName& name);
  Index* Mutable(const QualifiedName& name);
  // Calls fn(const QualifiedName&, Index&) for every index, in name order.
  template <class Fn>
  void ForEachMutable(Fn fn);

  // The indexes on a table, in name order (empty when none). Pointers stay valid until that index is erased.
  std::vector<const Index*> On(const QualifiedName& table) const;
  // Every table's indexes (tables without indexes are absent).
  std::map<QualifiedName, std::vector<const Index*>> ByTable() const;

 private:
  void MarkStale() { stale_ = true; by_table_.clear(); }
  void Track(const Index& index);
  void Untrack(const Index& index);

  Map map_;
  mutable std::mutex mutex_;
  mutable bool stale_ = true;
  mutable std::map<QualifiedName, std::set<QualifiedName>> by_table_;
};

template <class Predicate>
size_t IndexMap::erase_if(Predicate doomed) {
  size_t erased = 0;
  for (auto it = map_.cbegin(); it != map_.cend();) {
    if (doomed(it->second)) {
      it = erase(it);
      ++erased;
    } else {
      ++it;
    }
  }
  return erased;
}

template <class Fn>
bool IndexMap::Modify(const QualifiedName& name, Fn fn) {
  auto it = map_.find(name);
  if (it == map_.end()) return false;
  Untrack(it->second);
  fn(it->second);
  Track(it->second);
  return true;
}

template <class Fn>
void IndexMap::ForEachMutable(Fn fn) {
  MarkStale();
  for (auto& [name, index] : map_) fn(name, index);
}

}  // namespace dbarch::model
