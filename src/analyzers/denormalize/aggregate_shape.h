// The shape of a GROUP BY query a summary can answer, read off its parse tree: the tables (a fact table and
// the tables it references by foreign key), the constant filters (they go into the summary), the timestamp
// range on one column (it becomes a day bucket), the grouping keys and the decomposable aggregates. The same
// reading serves workload queries and the definitions of existing materialized views, so the two compare by
// canonical text (aliases replaced by table names).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "pg_query.pb.h"

namespace dbarch::analyzers::denormalize {

struct ShapeKey {
  pg_query::Node expr;     // as written, columns qualified by the query's aliases
  std::string canonical;   // aliases replaced by table names
  std::string name;        // column name in the summary
};

enum class MeasureKind { kCountStar, kCount, kSum, kMin, kMax };

struct ShapeMeasure {
  MeasureKind kind = MeasureKind::kCountStar;
  pg_query::Node arg;      // empty for count(*)
  std::string canonical;   // "sum(public.orders.total)"
  std::string name;
  std::string arg_type;    // the column's type when the argument is a plain column, else ""
};

// One item of the query's SELECT list: a grouping key, or an aggregate computed from measures.
struct OutputItem {
  std::string name;                  // the output column's name
  std::optional<size_t> key;         // index into keys
  std::string aggregate;             // "count", "sum", "min", "max", "avg" (when !key)
  std::vector<size_t> measures;      // sum/count/min/max: one; avg: the sum, then the count
};

struct TimeBound {
  bool lower = true;   // ts >= / > bound (else ts < / <= bound)
  bool strict = false;
  pg_query::Node bound;
};

struct AggregateShape {
  const pg_query::SelectStmt* select = nullptr;       // the statement read (owned by the caller)
  std::map<std::string, const model::Table*> tables;  // alias → table
  std::string fact_alias;
  std::set<std::string> join_canonicals;              // "public.order_items.order_id = public.orders.id"
  std::vector<pg_query::Node> fixed_filters;          // constant conjuncts, alias-qualified
  std::set<std::string> fixed_canonicals;
  std::optional<pg_query::Node> time_column;          // alias-qualified ColumnRef
  std::string time_column_name;                       // "public.orders.created_at"
  std::string time_type;                              // "timestamp without time zone"
  std::vector<TimeBound> bounds;
  std::vector<ShapeKey> keys;
  std::optional<size_t> bucket_key;                   // the day bucket among keys
  bool bucket_is_query_key = false;                   // the query groups by the day itself
  std::vector<ShapeMeasure> measures;
  std::vector<OutputItem> outputs;
  std::vector<std::string> order_by;                  // outer ORDER BY items as SQL ("1", "units DESC")
};

// Reads `select`. An error's message says why the query cannot be answered from a summary (it becomes the
// skip reason). `allow_parameters` is false for materialized view definitions.
Result<AggregateShape> ReadAggregateShape(const model::Catalog& catalog, const pg_query::SelectStmt& select);

// The SQL text of an expression (libpg_query's deparser).
std::string ExprSql(const pg_query::Node& expr);
// The FROM clause of `select` as SQL.
std::string FromSql(const pg_query::SelectStmt& select);
// " LIMIT … OFFSET …" of `select`, or "".
std::string LimitSql(const pg_query::SelectStmt& select);
// The expression of `SELECT <expr>` parsed from text.
Result<pg_query::Node> ParseExpr(const std::string& sql);

}  // namespace dbarch::analyzers::denormalize
