// CREATE INDEX, and the index vocabulary shared with constraints (keys, PostgreSQL's default names).
#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
std::string FigureColname(const pg_query::Node& expr, const std::string& fallback) {
  switch (expr.node_case()) {
    case pg_query::Node::kFuncCall: {
      const auto& names = expr.func_call().funcname();
      return names.empty() ? fallback : sql::StringValue(names[names.size() - 1]);
    }
    case pg_query::Node::kColumnRef: {
      std::string name = sql::ColumnRefName(expr.column_ref());
      return name.empty() ? fallback : name;
    }
    case pg_query::Node::kTypeCast: {
      std::string inner = FigureColname(expr.type_cast().arg(), "");
      if (!inner.empty()) return inner;
      const auto& names = expr.type_cast().type_name().names();
      return names.empty() ? fallback : sql::StringValue(names[names.size() - 1]);
    }
    case pg_query::Node::kCoalesceExpr: return "coalesce";
    case pg_query::Node::kCaseExpr: return "case";
    case pg_query::Node::kMinMaxExpr: return expr.min_max_expr().op() == pg_query::IS_GREATEST ? "greatest" : "least";
    case pg_query::Node::kCollateClause: return FigureColname(expr.collate_clause().arg(), fallback);
    case pg_query::Node::kSubLink:
      if (expr.sub_link().sub_link_type() == pg_query::EXISTS_SUBLINK) return "exists";
      if (expr.sub_link().sub_link_type() == pg_query::ARRAY_SUBLINK) return "array";
      return fallback;
    default: return fallback;
  }
}

model::IndexKey IndexKeyOf(const pg_query::IndexElem& elem) {
  model::IndexKey key;
  if (!elem.name().empty()) {
    key.column = elem.name();
  } else if (elem.expr().has_column_ref() && elem.expr().column_ref().fields_size() == 1) {
    key.column = sql::ColumnRefName(elem.expr().column_ref());  // `(col)` is a plain column key
  } else {
    key.expression = sql::DeparseExpr(elem.expr());
  }
  key.opclass = sql::JoinNames(elem.opclass());
  key.collation = sql::JoinNames(elem.collation());
  key.descending = elem.ordering() == pg_query::SORTBY_DESC;
  if (elem.nulls_ordering() == pg_query::SORTBY_NULLS_FIRST) key.nulls_first = true;
  if (elem.nulls_ordering() == pg_query::SORTBY_NULLS_LAST) key.nulls_first = false;
  return key;
}

std::string IndexNameAddition(const sql::NodeList& index_params) {
  std::string out;
  for (const auto& param : index_params) {
    std::string name;
    if (param.has_index_elem()) {
      const auto& elem = param.index_elem();
      if (!elem.indexcolname().empty()) name = elem.indexcolname();
      else if (!elem.name().empty()) name = elem.name();
      else name = FigureColname(elem.expr(), "expr");
    } else {
      name = sql::StringValue(param);
    }
    if (!out.empty()) out += "_";
    out += name;
    if (out.size() >= 64) break;  // makeObjectName truncates anyway
  }
  return out;
}

void CreateIndex(ReplayContext& ctx, const pg_query::IndexStmt& stmt) {
  model::QualifiedName table_name = ctx.ResolveRelation(stmt.relation());
  const model::Table* table = ctx.catalog->FindTable(table_name);
  auto view = ctx.catalog->views.find(table_name);
  if (!table && (view == ctx.catalog->views.end() || !view->second.materialized)) {
    ctx.UnknownObject("table", table_name.ToString());
    return;
  }
  model::Index index;
  index.table = table_name;
  if (stmt.idxname().empty()) {
    sql::NodeList all = stmt.index_params();
    for (const auto& p : stmt.index_including_params()) *all.Add() = p;
    index.name = {table_name.schema, ChooseRelationName(*ctx.catalog, table_name.schema, table_name.name,
                                                        IndexNameAddition(all), stmt.primary() ? "pkey" : "idx")};
  } else {
    index.name = {table_name.schema, stmt.idxname()};
  }
  if (RelationNameTaken(*ctx.catalog, index.name)) {
    if (!stmt.if_not_exists()) {
      ctx.Warn("duplicate-object", fmt::format("relation {} already exists; CREATE INDEX ignored",
                                               index.name.ToString()));
    }
    return;
  }
  index.method = stmt.access_method().empty() ? "btree" : stmt.access_method();
  index.unique = stmt.unique() || stmt.primary();
  index.primary = stmt.primary();
  index.nulls_not_distinct = stmt.nulls_not_distinct();
  index.created_concurrently = stmt.concurrent();
  for (const auto& p : stmt.index_params()) {
    if (p.has_index_elem()) index.keys.push_back(IndexKeyOf(p.index_elem()));
  }
  for (const auto& p : stmt.index_including_params()) {
    if (p.has_index_elem()) index.include_columns.push_back(p.index_elem().name());
  }
  index.predicate = sql::DeparseExpr(stmt.where_clause());
  index.location = ctx.Where();
  ctx.catalog->indexes.emplace(index.name, std::move(index));
}

}  // namespace dbarch::sources::ddl
