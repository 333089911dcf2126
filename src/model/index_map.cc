#include "model/index_map.h"

namespace dbarch::model {

IndexMap& IndexMap::operator=(const IndexMap& other) {
  if (this != &other) {
    map_ = other.map_;
    MarkStale();
  }
  return *this;
}

IndexMap& IndexMap::operator=(IndexMap&& other) noexcept {
  if (this != &other) {
    map_ = std::move(other.map_);
    MarkStale();
    other.MarkStale();
  }
  return *this;
}

void IndexMap::Track(const Index& index) {
  if (!stale_) by_table_[index.table].insert(index.name);
}

void IndexMap::Untrack(const Index& index) {
  if (stale_) return;
  auto it = by_table_.find(index.table);
  if (it == by_table_.end()) return;
  it->second.erase(index.name);
  if (it->second.empty()) by_table_.erase(it);
}

std::pair<IndexMap::const_iterator, bool> IndexMap::emplace(const QualifiedName& name, Index&& index) {
  QualifiedName key = name;  // `name` may be the index's own name, about to be moved from
  auto [it, inserted] = map_.emplace(std::move(key), std::move(index));
  if (inserted) Track(it->second);
  return {it, inserted};
}

std::pair<IndexMap::const_iterator, bool> IndexMap::emplace(const QualifiedName& name, const Index& index) {
  return emplace(name, Index(index));
}

std::pair<IndexMap::const_iterator, bool> IndexMap::insert_or_assign(const QualifiedName& name, Index&& index) {
  QualifiedName key = name;
  auto existing = map_.find(key);
  if (existing != map_.end()) Untrack(existing->second);
  auto [it, inserted] = map_.insert_or_assign(std::move(key), std::move(index));
  Track(it->second);
  return {it, inserted};
}

size_t IndexMap::erase(const QualifiedName& name) {
  auto it = map_.find(name);
  if (it == map_.end()) return 0;
  erase(it);
  return 1;
}

IndexMap::const_iterator IndexMap::erase(const_iterator it) {
  Untrack(it->second);
  return map_.erase(it);
}

void IndexMap::clear() {
  map_.clear();
  by_table_.clear();
  stale_ = false;
}

bool IndexMap::Rename(const QualifiedName& from, const QualifiedName& to) {
  if (from == to) return map_.count(from) != 0;
  if (map_.count(to)) return false;
  auto node = map_.extract(from);
  if (node.empty()) return false;
  Untrack(node.mapped());
  node.key() = to;
  node.mapped().name = to;
  auto inserted = map_.insert(std::move(node));
  Track(inserted.position->second);
  return true;
}

Index& IndexMap::operator[](const QualifiedName& name) {
  MarkStale();
  return map_[name];
}

Index* IndexMap::Mutable(const QualifiedName& name) {
  auto it = map_.find(name);
  if (it == map_.end()) return nullptr;
  MarkStale();
  return &it->second;
}

std::vector<const Index*> IndexMap::On(const QualifiedName& table) const {
  std::lock_guard lock(mutex_);
  if (stale_) {
    by_table_.clear();
    for (const auto& [name, index] : map_) by_table_[index.table].insert(name);
    stale_ = false;
  }
  std::vector<const Index*> out;
  auto it = by_table_.find(table);
  if (it == by_table_.end()) return out;
  out.reserve(it->second.size());
  for (const QualifiedName& name : it->second) out.push_back(&map_.find(name)->second);
  return out;
}

std::map<QualifiedName, std::vector<const Index*>> IndexMap::ByTable() const {
  std::map<QualifiedName, std::vector<const Index*>> out;
  for (const auto& [name, index] : map_) out[index.table].push_back(&index);
  return out;
}

}  // namespace dbarch::model
