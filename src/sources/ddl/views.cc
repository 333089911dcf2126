// CREATE [OR REPLACE] VIEW and CREATE MATERIALIZED VIEW: definition, output columns and the relations the
// query reads.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"
#include "sql/message_type.h"

namespace dbarch::sources::ddl {
namespace {

// Relations referenced anywhere in a query (FROM, joins, subqueries, CTE bodies), resolved; references
// to a CTE by name are not relations.
std::vector<model::QualifiedName> RelationsRead(ReplayContext& ctx, const pg_query::Node& query) {
  std::set<std::string> cte_names;
  VisitMessages(query, [&](const google::protobuf::Message& m) {
    if (sql::Is<pg_query::CommonTableExpr>(m)) {
      cte_names.insert(static_cast<const pg_query::CommonTableExpr&>(m).ctename());
    }
  });
  std::vector<model::QualifiedName> out;
  VisitMessages(query, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::RangeVar>(m)) return;
    const auto& rv = static_cast<const pg_query::RangeVar&>(m);
    if (rv.schemaname().empty() && cte_names.count(rv.relname())) return;
    model::QualifiedName name = ctx.ResolveRelation(rv);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  });
  std::sort(out.begin(), out.end());  // the walk's order follows protobuf field numbers, not the text
  return out;
}

// Columns of a relation known to the catalog (table or view); empty when unknown.
std::vector<std::string> RelationColumns(const model::Catalog& catalog, const model::QualifiedName& name) {
  std::vector<std::string> out;
  if (const model::Table* t = catalog.FindTable(name)) {
    for (const auto& c : t->columns) out.push_back(c.name);
  } else if (auto v = catalog.views.find(name); v != catalog.views.end()) {
    out = v->second.columns;
  }
  return out;
}

// FROM items with the name they are referred to by (alias or relation name) and their columns.
void CollectFromItems(ReplayContext& ctx, const pg_query::Node& item,
                      std::vector<std::pair<std::string, std::vector<std::string>>>* out) {
  if (item.has_range_var()) {
    const auto& rv = item.range_var();
    std::string ref = rv.has_alias() ? rv.alias().aliasname() : rv.relname();
    out->emplace_back(ref, RelationColumns(*ctx.catalog, ctx.ResolveRelation(rv)));
  } else if (item.has_join_expr()) {
    CollectFromItems(ctx, item.join_expr().larg(), out);
    CollectFromItems(ctx, item.join_expr().rarg(), out);
  } else if (item.has_range_subselect() && item.range_subselect().has_alias()) {
    out->emplace_back(item.range_subselect().alias().aliasname(),
                      OutputColumnNames(ctx, item.range_subselect().subquery()));
  }
}

std::string DeparseQuery(const pg_query::Node& query) {
  auto text = sql::Deparse(query);
  return text.ok() ? std::move(text).value() : std::string();
}

}  // namespace

std::vector<std::string> OutputColumnNames(ReplayContext& ctx, const pg_query::Node& query) {
  std::vector<std::string> out;
  if (!query.has_select_stmt()) return out;
  const pg_query::SelectStmt* select = &query.select_stmt();
  while (select->op() != pg_query::SETOP_NONE && select->has_larg()) select = &select->larg();
  if (select->values_lists_size() > 0) {
    int n = select->values_lists(0).list().items_size();
    for (int i = 1; i <= n; ++i) out.push_back(fmt::format("column{}", i));
    return out;
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> from;
  bool from_collected = false;
  for (const auto& node : select->target_list()) {
    const auto& target = node.res_target();
    if (!target.name().empty()) {
      out.push_back(target.name());
      continue;
    }
    const auto& val = target.val();
    bool star = val.has_column_ref() && val.column_ref().fields_size() > 0 &&
                val.column_ref().fields(val.column_ref().fields_size() - 1).has_a_star();
    if (!star) {
      out.push_back(FigureColname(val, "?column?"));
      continue;
    }
    if (!from_collected) {
      for (const auto& item : select->from_clause()) CollectFromItems(ctx, item, &from);
      from_collected = true;
    }
    std::string qualifier = sql::ColumnRefQualifier(val.column_ref());
    for (const auto& [ref, columns] : from) {
      if (qualifier.empty() || qualifier == ref) out.insert(out.end(), columns.begin(), columns.end());
    }
  }
  return out;
}

void CreateView(ReplayContext& ctx, const pg_query::ViewStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.view());
  auto existing = ctx.catalog->views.find(name);
  if ((existing != ctx.catalog->views.end() && !stmt.replace()) ||
      (existing == ctx.catalog->views.end() && RelationNameTaken(*ctx.catalog, name))) {
    ctx.Warn("duplicate-object", fmt::format("relation {} already exists; CREATE VIEW ignored", name.ToString()));
    return;
  }
  model::View view;
  view.name = name;
  if (ctx.view_definitions) view.definition = DeparseQuery(stmt.query());
  view.columns = OutputColumnNames(ctx, stmt.query());
  auto aliases = sql::StringList(stmt.aliases());
  if (view.columns.size() < aliases.size()) view.columns.resize(aliases.size());
  std::copy(aliases.begin(), aliases.end(), view.columns.begin());
  view.reads = RelationsRead(ctx, stmt.query());
  view.location = ctx.Where();
  if (existing != ctx.catalog->views.end()) view.comment = existing->second.comment;
  ctx.catalog->views[name] = std::move(view);
}

void CreateMaterializedView(ReplayContext& ctx, const pg_query::CreateTableAsStmt& stmt) {
  model::QualifiedName name = ctx.Resolve(stmt.into().rel());
  if (RelationNameTaken(*ctx.catalog, name)) {
    if (!stmt.if_not_exists()) {
      ctx.Warn("duplicate-object", fmt::format("relation {} already exists; CREATE MATERIALIZED VIEW ignored",
                                               name.ToString()));
    }
    return;
  }
  model::View view;
  view.name = name;
  view.materialized = true;
  if (ctx.view_definitions) view.definition = DeparseQuery(stmt.query());
  view.columns = OutputColumnNames(ctx, stmt.query());
  auto aliases = sql::StringList(stmt.into().col_names());
  if (view.columns.size() < aliases.size()) view.columns.resize(aliases.size());
  std::copy(aliases.begin(), aliases.end(), view.columns.begin());
  view.reads = RelationsRead(ctx, stmt.query());
  view.with_data = !stmt.into().skip_data();
  view.location = ctx.Where();
  ctx.catalog->views[name] = std::move(view);
}

}  // namespace dbarch::sources::ddl
