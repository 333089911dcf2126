// rewrite/not-in-to-not-exists: `x NOT IN (SELECT y FROM t …)` → `NOT EXISTS (SELECT 1 FROM t … AND t.y = x)`.
// NOT IN is planned as a (hashed) subplan filter; NOT EXISTS becomes an anti-join. They differ only when y or x
// can be NULL: one NULL y makes NOT IN return nothing, NOT EXISTS keeps the row — usually what was meant.
#include <fmt/format.h>

#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::rewrite {
namespace {

bool IsPlainSubquery(const pg_query::SelectStmt& s) {
  return s.op() == pg_query::SETOP_NONE && s.group_clause_size() == 0 && !s.has_having_clause() &&
         !s.has_limit_count() && !s.has_limit_offset() && s.distinct_clause_size() == 0 && s.window_clause_size() == 0 &&
         s.target_list_size() == 1 && s.target_list(0).res_target().val().has_column_ref() && s.from_clause_size() > 0;
}

// Whether `column` of the table behind `table` may hold NULL (unknown tables count as nullable).
bool Nullable(const model::Catalog& catalog, const pg_query::RangeVar* table, const pg_query::ColumnRef& column) {
  if (table == nullptr) return true;
  const model::Table* t = CatalogTable(catalog, *table);
  const model::Column* c = t == nullptr ? nullptr : t->FindColumn(ColumnName(column));
  return c == nullptr || !c->not_null;
}

std::string Dotted(const pg_query::ColumnRef& ref) {
  const std::string qualifier = sql::ColumnRefQualifier(ref);
  return qualifier.empty() ? sql::ColumnRefName(ref) : qualifier + "." + sql::ColumnRefName(ref);
}

}  // namespace

RewriteResult RewriteNotInToNotExists(const model::Catalog& catalog, pg_query::Node* statement) {
  RewriteResult result;
  VisitMutable(statement, [&](google::protobuf::Message* message) {
    if (!sql::Is<pg_query::SelectStmt>(*message)) return;
    auto* outer = static_cast<pg_query::SelectStmt*>(message);
    if (!outer->has_where_clause()) return;
    std::vector<pg_query::Node*> conjuncts;
    pg_query::Node* where = outer->mutable_where_clause();
    if (where->has_bool_expr() && where->bool_expr().boolop() == pg_query::AND_EXPR) {
      for (auto& arg : *where->mutable_bool_expr()->mutable_args()) conjuncts.push_back(&arg);
    } else {
      conjuncts.push_back(where);
    }
    for (pg_query::Node* conjunct : conjuncts) {
      if (!conjunct->has_bool_expr() || conjunct->bool_expr().boolop() != pg_query::NOT_EXPR ||
          conjunct->bool_expr().args_size() != 1 || !conjunct->bool_expr().args(0).has_sub_link()) {
        continue;
      }
      pg_query::SubLink* link = conjunct->mutable_bool_expr()->mutable_args(0)->mutable_sub_link();
      if (link->sub_link_type() != pg_query::ANY_SUBLINK || !link->testexpr().has_column_ref()) continue;
      if (link->oper_name_size() > 0 && sql::StringValue(link->oper_name(0)) != "=") continue;
      if (!link->subselect().has_select_stmt() || !IsPlainSubquery(link->subselect().select_stmt())) continue;
      pg_query::SelectStmt inner = link->subselect().select_stmt();
      pg_query::Node outer_column = link->testexpr();
      pg_query::Node inner_column = inner.target_list(0).res_target().val();
      const pg_query::RangeVar* outer_table = SingleTable(*outer);
      const pg_query::RangeVar* inner_table = SingleTable(inner);
      // Inside the subquery an unqualified name would resolve to the inner table first: qualify both sides.
      if (outer_column.column_ref().fields_size() < 2) {
        if (outer_table == nullptr || !Qualify(&outer_column, ReferenceName(*outer_table))) continue;
      }
      if (inner_column.column_ref().fields_size() < 2) {
        if (inner_table == nullptr || !Qualify(&inner_column, ReferenceName(*inner_table))) continue;
      }
      if (sql::ColumnRefQualifier(outer_column.column_ref()) == sql::ColumnRefQualifier(inner_column.column_ref())) {
        continue;  // the same name inside and outside: it would be captured by the subquery
      }
      const bool nullable = Nullable(catalog, outer_table, outer_column.column_ref()) ||
                            Nullable(catalog, inner_table, inner_column.column_ref());
      pg_query::Node equality = MakeEquality(inner_column, outer_column);
      SetTargetToOne(&inner);
      if (inner.has_where_clause()) {
        *inner.mutable_where_clause() = MakeAnd(inner.where_clause(), equality);
      } else {
        *inner.mutable_where_clause() = equality;
      }
      link->set_sub_link_type(pg_query::EXISTS_SUBLINK);
      link->clear_testexpr();
      link->clear_oper_name();
      *link->mutable_subselect()->mutable_select_stmt() = std::move(inner);
      result.applied = true;
      if (nullable) {
        result.caveat = fmt::format(
            "{} or {} may be NULL: where the subquery yields a NULL, NOT IN returns no rows at all while NOT EXISTS "
            "returns the rows without a match (usually the intended answer); a NULL {} is kept by NOT EXISTS and "
            "dropped by NOT IN. Declare the columns NOT NULL to make the two identical.",
            Dotted(outer_column.column_ref()), Dotted(inner_column.column_ref()), Dotted(outer_column.column_ref()));
      }
    }
  });
  return result;
}

}  // namespace dbarch::analyzers::rewrite
