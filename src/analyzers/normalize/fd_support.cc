#include "analyzers/normalize/fd_support.h"

#include <algorithm>
#include <unordered_map>

namespace dbarch::analyzers::normalize {

TableOracle::TableOracle(const TableData& table, const CompressedRelation& relation)
    : table_(table), relation_(relation) {
  for (int c = 0; c < table.num_columns(); ++c) {
    bool nulls = false;
    size_t length = 0;
    for (const auto& row : table.rows) {
      nulls |= table.IsNull(row[c]);
      length += row[c].size();
    }
    has_nulls_.push_back(nulls);
    avg_length_.push_back(table.rows.empty() ? 0 : static_cast<double>(length) / table.rows.size());
  }
}

AttributeSet TableOracle::Closure(const AttributeSet& x) const {
  const int n = relation_.num_columns();
  AttributeSet candidates = AttributeSet::FirstN(n) - x;
  std::vector<int> members = x.Members();
  std::unordered_map<std::vector<int32_t>, int, ValueIdsHash> first_row;
  std::vector<int32_t> key(members.size());
  int singletons = 0;
  for (int r = 0; r < relation_.num_rows() && !candidates.Empty(); ++r) {
    bool unique = false;
    for (size_t k = 0; k < members.size(); ++k) {
      key[k] = relation_.cluster(r, members[k]);
      unique |= key[k] < 0;
    }
    if (unique) {
      ++singletons;
      continue;
    }
    auto [it, inserted] = first_row.emplace(key, r);
    if (inserted) continue;
    const int32_t* a = relation_.record(it->second);
    const int32_t* b = relation_.record(r);
    for (int c = candidates.First(); c >= 0; c = candidates.Next(c + 1))
      if (a[c] < 0 || a[c] != b[c]) candidates.Reset(c);
  }
  return x | candidates;
}

int TableOracle::DistinctCount(const AttributeSet& x) const {
  std::vector<int> members = x.Members();
  std::unordered_map<std::vector<int32_t>, int, ValueIdsHash> groups;
  std::vector<int32_t> key(members.size());
  int distinct = 0;
  for (int r = 0; r < relation_.num_rows(); ++r) {
    bool unique = false;
    for (size_t k = 0; k < members.size(); ++k) {
      key[k] = relation_.cluster(r, members[k]);
      unique |= key[k] < 0;
    }
    if (unique) ++distinct;
    else if (groups.emplace(key, r).second) ++distinct;
  }
  return distinct;
}

bool TableOracle::HasNulls(const AttributeSet& x) const {
  for (int a = x.First(); a >= 0; a = x.Next(a + 1))
    if (has_nulls_[a]) return true;
  return false;
}

double TableOracle::KeyScore(const AttributeSet& x) const {
  if (x.Empty() || HasNulls(x)) return 0;
  const int n = std::max(1, table_.num_columns());
  double length_score = 1.0 / x.Count();
  double max_length = 0;
  for (int a = x.First(); a >= 0; a = x.Next(a + 1)) max_length = std::max(max_length, avg_length_[a]);
  // Ids are short: up to 8 characters score 1, longer values less (the paper's value-length score).
  double value_score = 1.0 / std::max(1.0, max_length - 7);
  // Keys sit to the left of the columns they determine, and their columns side by side.
  int first = x.First(), last = first;
  for (int a = x.First(); a >= 0; a = x.Next(a + 1)) last = a;
  double left_score = 1.0 - static_cast<double>(first) / n;
  double between_score = 1.0 / (1 + (last - first + 1 - x.Count()));
  return (length_score + value_score + (left_score + between_score) / 2) / 3;
}

FdSupport TableOracle::Support(const FunctionalDependency& fd) const {
  FdSupport s;
  s.rows = relation_.num_rows();
  s.lhs_distinct = DistinctCount(fd.lhs);
  s.redundant_rows = s.rows - s.lhs_distinct;
  s.lhs_has_nulls = HasNulls(fd.lhs);
  double repeat_share = s.rows ? static_cast<double>(s.redundant_rows) / s.rows : 0;
  s.plausibility = (KeyScore(fd.lhs) * 2 + repeat_share) / 3;
  // An FD whose left side barely repeats is backed by a handful of coincidences. A left side of several
  // columns has to repeat more to be believed: the chance of an accidental FD grows with its size.
  double needed = 0.10 * std::max(1, fd.lhs.Count());
  s.accidental = fd.lhs.Empty() || s.redundant_rows < 2 || repeat_share < needed;
  return s;
}

std::string ColumnsText(const TableData& table, const AttributeSet& columns) {
  std::string out;
  for (int a = columns.First(); a >= 0; a = columns.Next(a + 1)) {
    if (!out.empty()) out += ", ";
    out += table.columns[a];
  }
  return out.empty() ? "∅" : out;
}

std::string FdText(const TableData& table, const FunctionalDependency& fd) {
  return ColumnsText(table, fd.lhs) + " → " + table.columns[fd.rhs];
}

}  // namespace dbarch::analyzers::normalize
