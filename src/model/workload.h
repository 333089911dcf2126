// The workload model: the queries an application runs, grouped by libpg_query fingerprint, each with its
// weight (calls) and what it touches, resolved against the Catalog. Index advice, lint rules on queries
// and the report's "Query examples" section read this.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dbarch/diagnostic.h"
#include "dbarch/location.h"
#include "model/catalog.h"

namespace dbarch::model {

struct ColumnRef {
  QualifiedName table;  // resolved table (or view); empty name when unresolved
  std::string column;
  std::string ToString() const { return table.ToString() + "." + column; }
  auto operator<=>(const ColumnRef&) const = default;
};

enum class StatementKind { kSelect, kInsert, kUpdate, kDelete, kMerge, kOther };

// A column compared in a WHERE/ON/HAVING clause.
struct Predicate {
  ColumnRef column;
  std::string op;          // "=", "<", ">=", "<>", "IN", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL", "@>", "&&", "BETWEEN", …
  std::string expression;  // set when the column is wrapped: "lower(email)", "date_trunc('day', created_at)"
  enum class Operand { kParameter, kConstant, kColumn, kSubquery, kNone, kOther } operand = Operand::kOther;
  std::string constant;    // the constant's text when operand == kConstant (e.g. "'active'")
  int parameter = 0;       // n when the operand is the single parameter $n (to sample values for it)
  bool negated = false;    // under NOT
  bool in_or = false;      // one branch of an OR
  std::string clause = "WHERE";  // "WHERE", "JOIN", "HAVING"
};

struct JoinCondition {
  ColumnRef left;
  ColumnRef right;
  std::string op = "=";
  std::string join_type = "INNER";  // "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "IMPLICIT"
};

struct OrderItem {
  ColumnRef column;
  std::string expression;  // when not a plain column
  bool descending = false;
  std::optional<bool> nulls_first;
};

// What a server measured for a query (pg_stat_statements, a log): totals over all calls.
struct QueryObservation {
  std::string source;  // "pg_stat_statements", "log", …
  double total_ms = 0, mean_ms = 0, min_ms = 0, max_ms = 0, stddev_ms = 0;
  double rows = 0;     // rows returned or affected, summed over calls
};

struct Query {
  std::string fingerprint;  // 16 hex digits from libpg_query
  std::string text;         // the first occurrence as written
  std::string normalized;   // constants replaced by $n
  StatementKind kind = StatementKind::kOther;
  double calls = 1;         // summed over occurrences: `-- calls: N` / `-- weight: N`, default 1
  std::vector<SourceLocation> occurrences;
  std::string label;        // optional `-- name: …` comment

  std::vector<QualifiedName> tables;        // every relation read or written, resolved, in order of appearance
  std::optional<QualifiedName> target;      // INSERT/UPDATE/DELETE target
  std::vector<Predicate> predicates;
  std::vector<JoinCondition> joins;
  std::vector<OrderItem> order_by;
  std::vector<ColumnRef> group_by;
  std::vector<ColumnRef> select_columns;    // columns in the SELECT list / RETURNING
  std::vector<ColumnRef> set_columns;       // UPDATE SET / INSERT column list
  std::vector<ColumnRef> conflict_columns;  // INSERT … ON CONFLICT (cols): needs a unique index on them
  bool select_star = false;
  std::optional<long long> limit;           // constant LIMIT
  std::optional<long long> offset;          // constant OFFSET
  bool has_parameter_limit = false;         // LIMIT $n
  bool has_parameter_offset = false;        // OFFSET $n (OFFSET pagination with a bound page number)
  bool has_aggregate = false;
  bool has_subquery = false;
  bool has_cte = false;

  std::optional<QueryObservation> observed;  // measured by the server, when read from one

  Diagnostics diagnostics;  // unresolved tables/columns, ambiguous references
};

struct Workload {
  std::vector<Query> queries;  // in order of first appearance
  Diagnostics diagnostics;

  double TotalCalls() const;
  const Query* FindByFingerprint(const std::string& fingerprint) const;
};

std::string_view StatementKindName(StatementKind kind);  // "SELECT", "INSERT", …

}  // namespace dbarch::model
