#include "analyzers/normalize/compressed_relation.h"

#include <string_view>
#include <thread>
#include <unordered_map>

namespace dbarch::analyzers::normalize {
namespace {

StrippedPartition BuildPli(const TableData& table, int column, NullSemantics nulls) {
  std::unordered_map<std::string_view, int> ids;
  ids.reserve(table.rows.size() * 2);
  std::vector<std::vector<int>> groups;
  for (int r = 0; r < table.num_rows(); ++r) {
    const std::string& v = table.rows[r][column];
    if (nulls == NullSemantics::kNullNotEqualsNull && table.IsNull(v)) {
      groups.push_back({r});
      continue;
    }
    auto [it, inserted] = ids.try_emplace(v, static_cast<int>(groups.size()));
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(r);
  }
  StrippedPartition pli;
  pli.distinct_values = static_cast<int>(groups.size());
  for (auto& g : groups)
    if (g.size() >= 2) {
      pli.rows_in_clusters += static_cast<int>(g.size());
      pli.clusters.push_back(std::move(g));
    }
  return pli;
}

}  // namespace

CompressedRelation CompressedRelation::Build(const TableData& table, NullSemantics nulls, int threads) {
  CompressedRelation rel;
  rel.num_rows_ = table.num_rows();
  rel.num_columns_ = table.num_columns();
  rel.plis_.resize(rel.num_columns_);
  auto work = [&](int worker, int workers) {
    for (int c = worker; c < rel.num_columns_; c += workers) rel.plis_[c] = BuildPli(table, c, nulls);
  };
  int workers = std::max(1, std::min(threads, rel.num_columns_));
  if (workers == 1 || static_cast<size_t>(rel.num_rows_) * rel.num_columns_ < 20000) {
    work(0, 1);
  } else {
    std::vector<std::thread> pool;
    for (int w = 1; w < workers; ++w) pool.emplace_back(work, w, workers);
    work(0, workers);
    for (auto& t : pool) t.join();
  }
  rel.records_.assign(static_cast<size_t>(rel.num_rows_) * rel.num_columns_, -1);
  for (int c = 0; c < rel.num_columns_; ++c) {
    const auto& clusters = rel.plis_[c].clusters;
    for (size_t k = 0; k < clusters.size(); ++k)
      for (int r : clusters[k]) rel.records_[static_cast<size_t>(r) * rel.num_columns_ + c] = static_cast<int32_t>(k);
  }
  return rel;
}

}  // namespace dbarch::analyzers::normalize
