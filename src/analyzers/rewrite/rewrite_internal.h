// Shared by the rewrites: each takes a parsed SELECT (a copy it may change) and reports whether it rewrote it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/rewrite.h"
#include "pg_query.pb.h"

namespace dbarch::analyzers::rewrite {

struct RewriteResult {
  bool applied = false;
  std::string caveat;
  std::optional<KeysetPaging> keyset;  // rewrite/offset-to-keyset: its queries are deparsed by the rule itself
};

// `statement` is the SELECT's Node; the rewrite changes it in place.
RewriteResult RewriteNotInToNotExists(const model::Catalog& catalog, pg_query::Node* statement);
RewriteResult RewriteCountToExists(const model::Catalog& catalog, pg_query::Node* statement);
RewriteResult RewriteOrToUnionAll(const model::Catalog& catalog, pg_query::Node* statement);
RewriteResult RewriteScalarSubqueryToJoin(const model::Catalog& catalog, pg_query::Node* statement);
RewriteResult RewriteOffsetToKeyset(const model::Catalog& catalog, pg_query::Node* statement);
RewriteResult RewriteCorrelatedSubqueryToLateral(const model::Catalog& catalog, pg_query::Node* statement);

// Calls `visit` on every message of the tree, parents before children; `visit` may change the message.
void VisitMutable(google::protobuf::Message* root, const std::function<void(google::protobuf::Message*)>& visit);

// The single table a FROM list reads (no joins, no subqueries), or nullptr.
const pg_query::RangeVar* SingleTable(const pg_query::SelectStmt& select);
// How a table is referred to in its query: its alias, else its name.
std::string ReferenceName(const pg_query::RangeVar& table);
// The catalog table of a RangeVar (public schema when unqualified), or nullptr.
const model::Table* CatalogTable(const model::Catalog& catalog, const pg_query::RangeVar& table);
// The column a ColumnRef names, given the table it belongs to ("" when it is not a plain column).
std::string ColumnName(const pg_query::ColumnRef& ref);
// Qualifies an unqualified ColumnRef with `table_reference`; false when it is not a plain column reference.
bool Qualify(pg_query::Node* column, const std::string& table_reference);

// Whether the SELECT list calls an aggregate (a common one, or any with `*`) or a window function.
bool HasAggregateOrWindow(const pg_query::SelectStmt& select);
// The highest $n in the tree (0 when it has none).
int HighestParameter(const google::protobuf::Message& root);
// The conjuncts of a WHERE clause (the AND's arguments, or the clause itself).
std::vector<pg_query::Node> Conjuncts(const pg_query::Node& where);
// Whether a table has a key (primary key, unique constraint or unique index without predicate) all of whose
// columns are in `columns`; `all_not_null` asks for keys whose columns are NOT NULL too (a unique key with a
// NULL does not order rows totally, but an equality never matches a NULL).
bool HasKeyWithin(const model::Table& table, const std::vector<const model::Index*>& indexes,
                  const std::vector<std::string>& columns, bool all_not_null);
// Whether the column is NOT NULL (declared, or part of the primary key).
bool IsNotNull(const model::Table& table, const std::string& column);

pg_query::Node MakeEquality(const pg_query::Node& left, const pg_query::Node& right);
pg_query::Node MakeAnd(pg_query::Node left, pg_query::Node right);
pg_query::Node MakeOperator(const std::string& op, const pg_query::Node& left, const pg_query::Node& right);
pg_query::Node MakeOr(std::vector<pg_query::Node> parts);
pg_query::Node MakeParameter(int number);
// A ColumnRef "table.column" (or "column" when `table` is empty).
pg_query::Node MakeColumn(const std::string& table, const std::string& column);
pg_query::Node MakeIntegerConstant(int value);
// `SELECT 1` target list.
void SetTargetToOne(pg_query::SelectStmt* select);

}  // namespace dbarch::analyzers::rewrite
