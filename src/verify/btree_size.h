// The on-disk size of a B-tree index as PostgreSQL 13+ builds it, from column statistics.
//
// HypoPG's estimate (hypopg_relation_size) counts one full index tuple per heap row and ignores B-tree
// deduplication, so it overstates most indexes 2–6× (TPC-H SF 0.1, PostgreSQL 15: lineitem(l_partkey)
// 15.7 MB estimated, 4.5 MB built; part(p_type) 0.97 MB vs 0.16 MB). An advisor that spends a storage budget
// on those figures rejects indexes that would have fitted. This model follows what CREATE INDEX does:
// leaf pages filled to the fillfactor, key values stored once per posting-list tuple when every key column's
// operator class allows deduplication (no INCLUDE columns), posting lists cut at a tenth of a page, and the
// inner levels on top. Within ~10 % of the built size on the TPC-H indexes the advisor considers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <optional>
#include <vector>

#include "dbarch/status.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

struct BtreeColumn {
  double avg_width = 8;     // bytes, as pg_stats.avg_width (varlena header included)
  int typlen = -1;          // pg_type.typlen; -1 = varlena
  char typalign = 'i';      // pg_type.typalign: c, s, i or d
  double null_frac = 0;
  double n_distinct = 0;    // absolute number of distinct values; 0 = unknown
  bool key = true;          // false for INCLUDE columns
  bool deduplicable = true; // the key's operator class has an "equal image" support function that holds
};

struct BtreeShape {
  double rows = 0;                      // heap rows the index holds (after a partial index's predicate)
  std::vector<BtreeColumn> columns;     // key columns first, then INCLUDE columns
  std::optional<double> key_distinct;   // distinct values of the whole key, when known (counted, or extended statistics)
  // Average bytes of each key column over the distinct keys, when counted: on a skewed column the rare values
  // (each its own posting-list tuple) can be far longer than the row average pg_stats gives.
  std::vector<double> distinct_key_widths;
  int leaf_fillfactor = 90;
};

// Bytes the index occupies right after CREATE INDEX.
int64_t EstimateBtreeBytes(const BtreeShape& shape);

// Reads the shape of HypoPG index `hypopg_oid` (created in this session) from the catalog and pg_stats of the
// database `connection` is on. kNotFound when a key is an expression or a column has no statistics: the
// caller keeps HypoPG's own estimate then.
//
// Deduplication divides by the key's distinct count, and ANALYZE's n_distinct falls far short on skewed
// columns (JOB-like movie_info.info: 16 357 estimated, 171 031 counted; the index built twice the modelled
// size). So for a deduplicable key on a table of at most kExactCountMaxRows rows the distinct keys, the rows
// and the keys' average widths are counted exactly (SELECT … GROUP BY key, under a statement_timeout of
// `exact_count_timeout_ms`; 0 = never). When that is not done or times out, a single column keeps pg_stats'
// n_distinct, and a multi-column key's distinct count comes from extended statistics built on the table's
// ANALYZE sample inside a rolled-back transaction (no trace is left); where that is not allowed (read-only
// session) the columns are taken as independent.
// Larger tables are counted too when the leading key column is stored nearly in its own order (|pg_stats
// correlation| at least kClusteredCorrelation), where ANALYZE's block sample undercounts it most.
inline constexpr double kExactCountMaxRows = 3'000'000;
inline constexpr double kClusteredCorrelation = 0.9;
struct KeyCount {
  std::optional<double> distinct;
  std::optional<double> rows;   // counted (exactly) rows; set only when counted
  std::vector<double> widths;   // per key column, over the distinct keys; set only when counted
};
// `cache` (optional) keeps the counts between calls, keyed by table, key columns and predicate; once a count on
// a table timed out, no other key of that table is counted through the same cache.
using KeyDistinctCache = std::map<std::string, KeyCount>;
// `key_count`: how many of the index's columns are key columns (the rest are INCLUDE columns).
// `exact_count_max_rows`: the table size up to which every deduplicable key is counted (tests lower it).
Result<BtreeShape> ReadBtreeShape(PgConnection& connection, long long hypopg_oid, int key_count,
                                  KeyDistinctCache* cache = nullptr, int exact_count_timeout_ms = 2000,
                                  double exact_count_max_rows = kExactCountMaxRows);

}  // namespace dbarch::verify
