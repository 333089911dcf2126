// rewrite/correlated-subquery-to-lateral: several correlated scalar subqueries in the SELECT list that read the
// same row — same FROM, WHERE, ORDER BY and LIMIT, each fetching another column —
//   SELECT c.id, (SELECT a.city FROM addresses a WHERE a.customer_id = c.id AND a.is_default),
//                (SELECT a.zip  FROM addresses a WHERE a.customer_id = c.id AND a.is_default) FROM customers c
// → one lateral join that fetches the row once per outer row,
//   SELECT c.id, dbarch_lat1.c1 AS city, dbarch_lat1.c2 AS zip FROM customers c
//   LEFT JOIN LATERAL (SELECT a.city AS c1, a.zip AS c2 FROM addresses a WHERE …) dbarch_lat1 ON true
// A scalar subquery gives NULL when no row matches (as LEFT JOIN … ON true does) and fails when several do,
// where the join would multiply the outer row. So the rewrite needs each subquery to return at most one row:
// LIMIT 1, or equalities on a key of its table (primary key, unique constraint or index; a partial unique
// index when the subquery repeats its predicate). A lone subquery is left alone: PostgreSQL runs both forms as
// one lookup per outer row, the gain comes from merging two or more. Aggregates belong to
// rewrite/scalar-subquery-to-join.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/parser.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::rewrite {
namespace {

struct Candidate {
  int target = 0;           // index in the outer SELECT list
  std::string output_name;  // the column name the subquery produced
  const pg_query::SelectStmt* inner = nullptr;
};

// Columns of the inner table are those qualified with its name, or unqualified (the inner table is searched
// first); an unqualified name it does not have would refer outwards, which is not handled.
bool ReferencesResolve(const pg_query::SelectStmt& inner, const model::Table& table, const std::string& reference,
                       bool* correlated) {
  bool ok = true;
  sql::VisitTree(inner, [&](const google::protobuf::Message& m) {
    if (sql::Is<pg_query::SubLink>(m)) ok = false;  // nested subqueries: left alone
    if (!sql::Is<pg_query::ColumnRef>(m)) return;
    const auto& ref = static_cast<const pg_query::ColumnRef&>(m);
    const std::string qualifier = sql::ColumnRefQualifier(ref);
    if (ref.fields_size() > 2) ok = false;
    if (qualifier.empty() && table.FindColumn(ColumnName(ref)) == nullptr) ok = false;
    if (!qualifier.empty() && qualifier != reference) *correlated = true;
  });
  return ok;
}

bool MentionsInner(const pg_query::Node& node, const std::string& reference) {
  bool found = false;
  sql::VisitTree(node, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::ColumnRef>(m)) return;
    const auto& ref = static_cast<const pg_query::ColumnRef&>(m);
    const std::string qualifier = sql::ColumnRefQualifier(ref);
    if (qualifier.empty() || qualifier == reference) found = true;
  });
  return found;
}

// A conjunct as text with the inner table's qualifier dropped, to compare with an index predicate.
std::string Unqualified(pg_query::Node node, const std::string& reference) {
  VisitMutable(&node, [&](google::protobuf::Message* m) {
    if (!sql::Is<pg_query::ColumnRef>(*m)) return;
    auto* ref = static_cast<pg_query::ColumnRef*>(m);
    if (ref->fields_size() == 2 && sql::StringValue(ref->fields(0)) == reference) ref->mutable_fields()->erase(ref->mutable_fields()->begin());
  });
  return sql::DeparseExpr(node);
}

// Whether every conjunct of a partial index's predicate is among the subquery's conjuncts.
bool PredicateRepeated(const std::string& predicate, const std::vector<std::string>& conjuncts) {
  auto parsed = sql::ParseOne("SELECT 1 WHERE " + predicate);
  if (!parsed.ok() || !parsed->select_stmt().has_where_clause()) return false;
  for (const auto& part : Conjuncts(parsed->select_stmt().where_clause())) {
    if (std::find(conjuncts.begin(), conjuncts.end(), sql::DeparseExpr(part)) == conjuncts.end()) return false;
  }
  return true;
}

// At most one row per outer row: LIMIT 1, or equalities that pin a key of the inner table.
bool AtMostOneRow(const model::Catalog& catalog, const model::Table& table, const pg_query::SelectStmt& inner,
                  const std::string& reference) {
  if (inner.has_limit_count()) return sql::IntegerValue(inner.limit_count()) == 1;
  std::vector<std::string> pinned, conjunct_texts;
  for (const auto& c : Conjuncts(inner.where_clause())) {
    conjunct_texts.push_back(Unqualified(c, reference));
    if (!c.has_a_expr() || c.a_expr().kind() != pg_query::AEXPR_OP || c.a_expr().name_size() != 1 ||
        sql::StringValue(c.a_expr().name(0)) != "=") {
      continue;
    }
    for (const auto* side : {&c.a_expr().lexpr(), &c.a_expr().rexpr()}) {
      const auto* other = side == &c.a_expr().lexpr() ? &c.a_expr().rexpr() : &c.a_expr().lexpr();
      if (!side->has_column_ref() || MentionsInner(*other, reference)) continue;
      const std::string qualifier = sql::ColumnRefQualifier(side->column_ref());
      if (qualifier.empty() || qualifier == reference) pinned.push_back(ColumnName(side->column_ref()));
    }
  }
  const auto indexes = catalog.IndexesOn(table.name);
  if (HasKeyWithin(table, indexes, pinned, /*all_not_null=*/false)) return true;
  for (const model::Index* index : indexes) {
    if (!index->unique || index->predicate.empty() || !index->valid || index->keys.empty()) continue;
    const bool keys_pinned = std::all_of(index->keys.begin(), index->keys.end(), [&](const model::IndexKey& k) {
      return !k.column.empty() && std::find(pinned.begin(), pinned.end(), k.column) != pinned.end();
    });
    if (keys_pinned && PredicateRepeated(index->predicate, conjunct_texts)) return true;
  }
  return false;
}

// The name PostgreSQL gives the subquery's column; "" when it is not a plain one (left alone).
std::string OutputName(const pg_query::ResTarget& outer, const pg_query::ResTarget& inner) {
  if (!outer.name().empty()) return outer.name();
  if (!inner.name().empty()) return inner.name();
  if (inner.val().has_column_ref()) return ColumnName(inner.val().column_ref());
  return "";
}

bool IsPlainScalarSubquery(const pg_query::SelectStmt& s) {
  return s.op() == pg_query::SETOP_NONE && s.target_list_size() == 1 && s.group_clause_size() == 0 &&
         !s.has_having_clause() && !s.has_limit_offset() && s.distinct_clause_size() == 0 &&
         s.window_clause_size() == 0 && s.has_where_clause() && !s.has_with_clause() && s.locking_clause_size() == 0 &&
         s.limit_option() != pg_query::LIMIT_OPTION_WITH_TIES && SingleTable(s) != nullptr && !HasAggregateOrWindow(s);
}

// The subquery without its SELECT list: subqueries with equal shapes read the same row.
std::string Shape(const pg_query::SelectStmt& inner) {
  pg_query::Node node;
  *node.mutable_select_stmt() = inner;
  SetTargetToOne(node.mutable_select_stmt());
  auto text = sql::Deparse(node);
  return text.ok() ? *text : "";
}

}  // namespace

RewriteResult RewriteCorrelatedSubqueryToLateral(const model::Catalog& catalog, pg_query::Node* statement) {
  RewriteResult result;
  if (!statement->has_select_stmt()) return result;
  pg_query::SelectStmt* outer = statement->mutable_select_stmt();
  if (outer->op() != pg_query::SETOP_NONE || outer->from_clause_size() != 1 || outer->group_clause_size() != 0 ||
      outer->has_having_clause() || outer->window_clause_size() != 0 || HasAggregateOrWindow(*outer)) {
    return result;
  }
  std::map<std::string, std::vector<Candidate>> groups;  // by shape
  std::vector<std::string> shape_order;
  for (int i = 0; i < outer->target_list_size(); ++i) {
    const pg_query::ResTarget& res = outer->target_list(i).res_target();
    // SELECT * would take in the lateral's columns too.
    if (res.val().has_column_ref() && res.val().column_ref().fields_size() == 1 &&
        res.val().column_ref().fields(0).has_a_star()) {
      return result;
    }
    if (!res.val().has_sub_link() || res.val().sub_link().sub_link_type() != pg_query::EXPR_SUBLINK ||
        !res.val().sub_link().subselect().has_select_stmt()) {
      continue;
    }
    const pg_query::SelectStmt& inner = res.val().sub_link().subselect().select_stmt();
    if (!IsPlainScalarSubquery(inner)) continue;
    const model::Table* table = CatalogTable(catalog, *SingleTable(inner));
    if (table == nullptr) continue;
    const std::string reference = ReferenceName(*SingleTable(inner));
    bool correlated = false;
    if (!ReferencesResolve(inner, *table, reference, &correlated) || !correlated) continue;  // uncorrelated: once
    if (!AtMostOneRow(catalog, *table, inner, reference)) continue;
    const std::string name = OutputName(res, inner.target_list(0).res_target());
    const std::string shape = Shape(inner);
    if (name.empty() || shape.empty()) continue;
    if (!groups.count(shape)) shape_order.push_back(shape);
    groups[shape].push_back({i, name, &inner});
  }

  int laterals = 0;
  bool arbitrary_row = false;
  std::vector<std::pair<int, pg_query::ResTarget>> replaced;
  for (const auto& shape : shape_order) {
    const auto& members = groups[shape];
    if (members.size() < 2) continue;  // one lookup either way: nothing to merge
    const std::string alias = "dbarch_lat" + std::to_string(++laterals);
    pg_query::SelectStmt merged = *members.front().inner;
    merged.clear_target_list();
    for (size_t m = 0; m < members.size(); ++m) {
      auto* target = merged.add_target_list()->mutable_res_target();
      target->set_name("c" + std::to_string(m + 1));
      *target->mutable_val() = members[m].inner->target_list(0).res_target().val();
      target->set_location(-1);
      pg_query::ResTarget column;
      column.set_name(members[m].output_name);
      *column.mutable_val() = MakeColumn(alias, "c" + std::to_string(m + 1));
      column.set_location(-1);
      replaced.emplace_back(members[m].target, std::move(column));
    }
    if (merged.has_limit_count() && merged.sort_clause_size() == 0) arbitrary_row = true;
    pg_query::Node lateral;
    auto* sub = lateral.mutable_range_subselect();
    sub->set_lateral(true);
    *sub->mutable_subquery()->mutable_select_stmt() = std::move(merged);
    sub->mutable_alias()->set_aliasname(alias);
    pg_query::Node join;
    auto* j = join.mutable_join_expr();
    j->set_jointype(pg_query::JOIN_LEFT);
    *j->mutable_larg() = outer->from_clause(0);
    *j->mutable_rarg() = std::move(lateral);
    j->mutable_quals()->mutable_a_const()->mutable_boolval()->set_boolval(true);
    j->mutable_quals()->mutable_a_const()->set_location(-1);
    *outer->mutable_from_clause(0) = std::move(join);
  }
  if (laterals == 0) return result;
  // The members point into the target list: replace only once every lateral is built.
  for (auto& [index, column] : replaced) *outer->mutable_target_list(index)->mutable_res_target() = std::move(column);
  result.applied = true;
  if (arbitrary_row) {
    result.caveat =
        "LIMIT 1 without ORDER BY picks an arbitrary matching row: each subquery could have picked a different one, "
        "the lateral join takes every column from the same row (usually what was meant). Add an ORDER BY to make "
        "the choice explicit.";
  }
  return result;
}

}  // namespace dbarch::analyzers::rewrite
