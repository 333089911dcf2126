// CompressedRelation: a table reduced to what dependency discovery needs — per column a stripped
// partition (position list index, PLI: the groups of rows sharing a value, groups of one row dropped), and
// per row its cluster number in every column (-1 when the row's value is unique in that column), so two
// rows agree on a column exactly when both numbers are equal and not -1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analyzers/normalize/attribute_set.h"
#include "analyzers/normalize/table_data.h"

namespace dbarch::analyzers::normalize {

// Hash of a row's value ids over some columns (FNV-1a), for grouping rows by those values.
struct ValueIdsHash {
  size_t operator()(const std::vector<int32_t>& ids) const {
    size_t h = 1469598103934665603ULL;
    for (int32_t x : ids) h = (h ^ static_cast<uint32_t>(x)) * 1099511628211ULL;
    return h;
  }
};

struct StrippedPartition {
  std::vector<std::vector<int>> clusters;  // row numbers, each cluster ≥ 2 rows, rows ascending
  int rows_in_clusters = 0;
  int distinct_values = 0;                 // including the values held by one row only
};

class CompressedRelation {
 public:
  // Builds the PLIs column by column on up to `threads` threads.
  static CompressedRelation Build(const TableData& table, NullSemantics nulls, int threads = 1);

  int num_rows() const { return num_rows_; }
  int num_columns() const { return num_columns_; }
  const StrippedPartition& pli(int column) const { return plis_[column]; }
  // The row's cluster number in the column, -1 when its value is unique there.
  int32_t cluster(int row, int column) const { return records_[static_cast<size_t>(row) * num_columns_ + column]; }
  const int32_t* record(int row) const { return &records_[static_cast<size_t>(row) * num_columns_]; }

  // The columns on which the two rows have equal values.
  AttributeSet AgreeSet(int row1, int row2) const {
    AttributeSet s;
    const int32_t* a = record(row1);
    const int32_t* b = record(row2);
    for (int c = 0; c < num_columns_; ++c)
      if (a[c] == b[c] && a[c] >= 0) s.Set(c);
    return s;
  }

 private:
  int num_rows_ = 0;
  int num_columns_ = 0;
  std::vector<StrippedPartition> plis_;
  std::vector<int32_t> records_;  // row-major
};

}  // namespace dbarch::analyzers::normalize
