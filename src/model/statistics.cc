#include "model/statistics.h"

namespace dbarch::model {

double ColumnStatistics::DistinctValues(double rows) const {
  if (n_distinct > 0) return n_distinct;
  if (n_distinct < 0) return -n_distinct * rows;
  return rows;
}

const ColumnStatistics* TableStatistics::FindColumn(const std::string& column) const {
  auto it = columns.find(column);
  return it == columns.end() ? nullptr : &it->second;
}

const TableStatistics* Statistics::FindTable(const QualifiedName& table) const {
  auto it = tables.find(table);
  return it == tables.end() ? nullptr : &it->second;
}

std::optional<double> Statistics::RowCount(const QualifiedName& table) const {
  const TableStatistics* stats = FindTable(table);
  if (stats == nullptr) return std::nullopt;
  if (stats->rows >= 0) return stats->rows;
  if (stats->n_live_tup > 0) return static_cast<double>(stats->n_live_tup);
  return std::nullopt;
}

}  // namespace dbarch::model
