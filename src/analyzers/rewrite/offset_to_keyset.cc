// rewrite/offset-to-keyset: OFFSET pagination → keyset pagination,
//   SELECT … FROM t WHERE w ORDER BY a, id LIMIT $1 OFFSET $2
// → SELECT … FROM t WHERE w AND (a, id) > ($2, $3) ORDER BY a, id LIMIT $1
// where $2, $3 are a and id of the last row of the previous page. OFFSET m reads and throws away m rows before
// the page; the keyset condition starts the scan right after the last row seen, so every page costs the same.
//
// Equivalent only when ORDER BY orders the rows totally — its columns hold the primary key or a unique key of
// NOT NULL columns. Otherwise the primary key is appended as a tie-breaker (the original could skip or repeat
// rows between pages; the caveat says so, and the check compares both with the tie-broken order). Sort columns
// that may be NULL are refused: a row comparison with NULL is never true, and NULLS FIRST/LAST would need a
// condition per case. Same direction on every key → one row comparison, which a B-tree on the keys serves;
// mixed directions → `a >= $x AND (a > $x OR (a = $x AND b < $y))`, whose first conjunct still bounds an
// index scan on a.
//
// Only one table in FROM, no GROUP BY/DISTINCT/aggregates/window functions/FOR UPDATE, and ORDER BY plain
// columns of that table. The OFFSET parameter's number is taken by the first cursor parameter, so the rewrite
// keeps $1…$n dense; an OFFSET parameter that is not the highest-numbered one is left alone.
#include <fmt/format.h>

#include <algorithm>

#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers::rewrite {
namespace {

struct SortKey {
  std::string column;
  bool descending = false;
  pg_query::Node expression;  // the ColumnRef as written
};

std::string KeyText(const SortKey& key) { return sql::DeparseExpr(key.expression); }

std::string KeysText(const std::vector<SortKey>& keys, bool with_direction) {
  std::string out;
  for (const auto& k : keys) {
    if (!out.empty()) out += ", ";
    out += KeyText(k) + (with_direction && k.descending ? " DESC" : "");
  }
  return out;
}

// `(a, b) > ($x, $y)`: a row comparison, written as PostgreSQL's parser builds `(a, b)`.
pg_query::Node MakeRow(std::vector<pg_query::Node> items) {
  pg_query::Node node;
  auto* row = node.mutable_row_expr();
  for (auto& i : items) *row->add_args() = std::move(i);
  row->set_row_format(pg_query::COERCE_IMPLICIT_CAST);
  row->set_location(-1);
  return node;
}

// The rows after the cursor in ORDER BY order.
pg_query::Node KeysetCondition(const std::vector<SortKey>& keys, int first_parameter) {
  const bool same_direction =
      std::all_of(keys.begin(), keys.end(), [&](const SortKey& k) { return k.descending == keys.front().descending; });
  auto after = [](const SortKey& k) { return std::string(k.descending ? "<" : ">"); };
  if (keys.size() == 1) return MakeOperator(after(keys[0]), keys[0].expression, MakeParameter(first_parameter));
  if (same_direction) {
    std::vector<pg_query::Node> columns, parameters;
    for (size_t i = 0; i < keys.size(); ++i) {
      columns.push_back(keys[i].expression);
      parameters.push_back(MakeParameter(first_parameter + static_cast<int>(i)));
    }
    return MakeOperator(after(keys[0]), MakeRow(std::move(columns)), MakeRow(std::move(parameters)));
  }
  // k1 > $1 OR (k1 = $1 AND (k2 < $2 OR (k2 = $2 AND …))), built from the last key inwards.
  pg_query::Node condition;
  for (size_t i = keys.size(); i-- > 0;) {
    pg_query::Node parameter = MakeParameter(first_parameter + static_cast<int>(i));
    pg_query::Node strictly_after = MakeOperator(after(keys[i]), keys[i].expression, parameter);
    if (i + 1 == keys.size()) {
      condition = std::move(strictly_after);
    } else {
      condition = MakeOr({std::move(strictly_after), MakeAnd(MakeEquality(keys[i].expression, parameter), condition)});
    }
  }
  // The leading bound lets an index scan on k1 start at the cursor instead of filtering from the first row.
  pg_query::Node bound = MakeOperator(keys[0].descending ? "<=" : ">=", keys[0].expression, MakeParameter(first_parameter));
  return MakeAnd(std::move(bound), std::move(condition));
}

// Columns the WHERE clause fixes with `column = value`: they may lead an index that serves the sort.
std::vector<std::string> EqualityColumns(const pg_query::SelectStmt& select, const std::string& reference) {
  std::vector<std::string> out;
  if (!select.has_where_clause()) return out;
  for (const auto& c : Conjuncts(select.where_clause())) {
    if (!c.has_a_expr() || c.a_expr().kind() != pg_query::AEXPR_OP || c.a_expr().name_size() != 1 ||
        sql::StringValue(c.a_expr().name(0)) != "=") {
      continue;
    }
    const auto& l = c.a_expr().lexpr();
    const auto& r = c.a_expr().rexpr();
    const pg_query::Node* column = l.has_column_ref() ? &l : r.has_column_ref() ? &r : nullptr;
    const pg_query::Node* value = column == &l ? &r : &l;
    if (column == nullptr || !(value->has_param_ref() || value->has_a_const())) continue;
    const std::string qualifier = sql::ColumnRefQualifier(column->column_ref());
    if (!qualifier.empty() && qualifier != reference) continue;
    out.push_back(ColumnName(column->column_ref()));
  }
  return out;
}

// Whether a B-tree index reads the table in the keys' order (scanned forward or backward), after leading
// columns the WHERE clause fixes by equality.
bool IndexServes(const model::Index& index, const std::vector<std::string>& fixed, const std::vector<SortKey>& keys) {
  if (index.method != "btree" || !index.predicate.empty() || !index.valid) return false;
  size_t at = 0;
  while (at < index.keys.size() && !index.keys[at].column.empty() &&
         std::find(fixed.begin(), fixed.end(), index.keys[at].column) != fixed.end() &&
         std::none_of(keys.begin(), keys.end(), [&](const SortKey& k) { return k.column == index.keys[at].column; })) {
    ++at;
  }
  if (index.keys.size() - at < keys.size()) return false;
  std::optional<bool> reversed;
  for (size_t i = 0; i < keys.size(); ++i) {
    const model::IndexKey& key = index.keys[at + i];
    if (key.column != keys[i].column) return false;
    const bool flipped = key.descending != keys[i].descending;
    if (reversed && *reversed != flipped) return false;
    reversed = flipped;
  }
  return true;
}

std::string SuggestedIndex(const model::Catalog& catalog, const model::Table& table, const pg_query::SelectStmt& select,
                           const std::string& reference, const std::vector<SortKey>& keys) {
  const std::vector<std::string> fixed = EqualityColumns(select, reference);
  for (const model::Index* index : catalog.IndexesOn(table.name)) {
    if (IndexServes(*index, fixed, keys)) return "";
  }
  const bool same_direction =
      std::all_of(keys.begin(), keys.end(), [&](const SortKey& k) { return k.descending == keys.front().descending; });
  std::string columns;
  for (const auto& f : fixed) {
    if (std::none_of(keys.begin(), keys.end(), [&](const SortKey& k) { return k.column == f; })) columns += f + ", ";
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    // One direction: a plain index, scanned backward for DESC. Mixed: the index must carry the mix.
    columns += keys[i].column + (!same_direction && keys[i].descending ? " DESC" : "") + (i + 1 < keys.size() ? ", " : "");
  }
  return fmt::format("CREATE INDEX ON {} ({});", table.name.ToSql(), columns);
}

// Refuses an ORDER BY name that the SELECT list redefines: ORDER BY resolves output names first.
bool RenamedInSelectList(const pg_query::SelectStmt& select, const std::string& column) {
  for (const auto& target : select.target_list()) {
    const auto& res = target.res_target();
    if (res.name() == column && !(res.val().has_column_ref() && ColumnName(res.val().column_ref()) == column)) return true;
  }
  return false;
}

std::optional<std::string> DeparseSelect(pg_query::SelectStmt select) {
  pg_query::Node node;
  *node.mutable_select_stmt() = std::move(select);
  auto text = sql::Deparse(node);
  if (!text.ok()) return std::nullopt;
  return std::move(text).value();
}

// SELECT * FROM (<select with its keys as the SELECT list>) dbarch_page LIMIT 1.
std::optional<std::string> CursorSql(pg_query::SelectStmt select, const std::vector<SortKey>& keys) {
  select.clear_target_list();
  for (const auto& k : keys) {
    auto* target = select.add_target_list()->mutable_res_target();
    target->set_name(k.column);
    *target->mutable_val() = k.expression;
    target->set_location(-1);
  }
  pg_query::SelectStmt outer;
  auto* star = outer.add_target_list()->mutable_res_target();
  star->mutable_val()->mutable_column_ref()->add_fields()->mutable_a_star();
  star->mutable_val()->mutable_column_ref()->set_location(-1);
  star->set_location(-1);
  auto* page = outer.add_from_clause()->mutable_range_subselect();
  *page->mutable_subquery()->mutable_select_stmt() = std::move(select);
  page->mutable_alias()->set_aliasname("dbarch_page");
  *outer.mutable_limit_count() = MakeIntegerConstant(1);
  outer.set_limit_option(pg_query::LIMIT_OPTION_COUNT);
  outer.set_op(pg_query::SETOP_NONE);
  return DeparseSelect(std::move(outer));
}

}  // namespace

RewriteResult RewriteOffsetToKeyset(const model::Catalog& catalog, pg_query::Node* statement) {
  RewriteResult result;
  if (!statement->has_select_stmt()) return result;
  pg_query::SelectStmt& select = *statement->mutable_select_stmt();
  if (select.op() != pg_query::SETOP_NONE || !select.has_limit_count() || !select.has_limit_offset() ||
      select.limit_option() != pg_query::LIMIT_OPTION_COUNT || select.sort_clause_size() == 0 ||
      select.group_clause_size() != 0 || select.has_having_clause() || select.distinct_clause_size() != 0 ||
      select.window_clause_size() != 0 || select.locking_clause_size() != 0 || select.has_into_clause() ||
      select.has_with_clause() || HasAggregateOrWindow(select)) {
    return result;
  }
  const pg_query::RangeVar* range = SingleTable(select);
  if (range == nullptr) return result;
  const model::Table* table = CatalogTable(catalog, *range);
  if (table == nullptr) return result;
  const std::string reference = ReferenceName(*range);

  KeysetPaging paging;
  const pg_query::Node& offset = select.limit_offset();
  if (offset.has_param_ref()) {
    paging.offset_parameter = offset.param_ref().number();
    if (paging.offset_parameter != HighestParameter(select)) return result;
  } else if (auto literal = sql::IntegerValue(offset); literal && *literal > 0) {
    paging.offset_literal = *literal;
  } else {
    return result;
  }

  std::vector<SortKey> keys;
  bool qualified = false;
  for (const auto& item : select.sort_clause()) {
    if (!item.has_sort_by()) return result;
    const pg_query::SortBy& sort = item.sort_by();
    if (!sort.node().has_column_ref() || sort.sortby_dir() == pg_query::SORTBY_USING) return result;
    const std::string qualifier = sql::ColumnRefQualifier(sort.node().column_ref());
    const std::string column = ColumnName(sort.node().column_ref());
    if (column.empty() || (!qualifier.empty() && qualifier != reference) || table->FindColumn(column) == nullptr) {
      return result;
    }
    if (qualifier.empty() && RenamedInSelectList(select, column)) return result;
    if (!IsNotNull(*table, column)) return result;  // NULLs would need NULLS FIRST/LAST handling: refused
    qualified = qualified || !qualifier.empty();
    keys.push_back({column, sort.sortby_dir() == pg_query::SORTBY_DESC, sort.node()});
  }
  std::vector<std::string> columns;
  for (const auto& k : keys) columns.push_back(k.column);
  const auto indexes = catalog.IndexesOn(table->name);

  std::string caveat;
  if (!HasKeyWithin(*table, indexes, columns, /*all_not_null=*/true)) {
    const model::Constraint* primary_key = table->PrimaryKey();
    if (primary_key == nullptr || primary_key->columns.empty()) return result;  // no key to break ties with
    std::vector<SortKey> appended;
    for (const auto& column : primary_key->columns) {
      if (std::find(columns.begin(), columns.end(), column) != columns.end()) continue;
      SortKey key{column, keys.back().descending, MakeColumn(qualified ? reference : "", column)};
      pg_query::Node sort;
      *sort.mutable_sort_by()->mutable_node() = key.expression;
      sort.mutable_sort_by()->set_sortby_dir(key.descending ? pg_query::SORTBY_DESC : pg_query::SORTBY_DEFAULT);
      sort.mutable_sort_by()->set_sortby_nulls(pg_query::SORTBY_NULLS_DEFAULT);
      sort.mutable_sort_by()->set_location(-1);
      *select.add_sort_clause() = std::move(sort);
      appended.push_back(key);
    }
    caveat += fmt::format(
        "ORDER BY {} does not order rows with equal keys, so the original's pages could skip or repeat rows; {} is "
        "appended as a tie-breaker, and the rows are compared with that order on both sides. ",
        KeysText(keys, true), KeysText(appended, true));
    keys.insert(keys.end(), appended.begin(), appended.end());
  }

  auto ordered = DeparseSelect(select);
  pg_query::SelectStmt before_page = select;
  if (paging.offset_parameter == 0) *before_page.mutable_limit_offset() = MakeIntegerConstant(static_cast<int>(paging.offset_literal - 1));
  auto cursor = CursorSql(std::move(before_page), keys);
  if (!ordered || !cursor) return result;
  paging.ordered_sql = std::move(*ordered);
  paging.cursor_sql = std::move(*cursor);
  paging.table = table->name.ToSql();

  const int first = paging.offset_parameter > 0 ? paging.offset_parameter : HighestParameter(select) + 1;
  for (size_t i = 0; i < keys.size(); ++i) paging.cursor_parameters.push_back({first + static_cast<int>(i), KeyText(keys[i])});
  paging.suggested_index = SuggestedIndex(catalog, *table, select, reference, keys);
  pg_query::Node condition = KeysetCondition(keys, first);
  *select.mutable_where_clause() = select.has_where_clause() ? MakeAnd(select.where_clause(), std::move(condition))
                                                             : std::move(condition);
  select.clear_limit_offset();

  std::string parameters;
  for (const auto& p : paging.cursor_parameters) {
    parameters += fmt::format("{}${} = {}", parameters.empty() ? "" : ", ", p.number, p.expression);
  }
  caveat += fmt::format(
      "The caller's API changes: instead of a page number it passes the ORDER BY values of the last row of the "
      "previous page ({}) and gets the rows after it; pages link to \"next\" (and \"previous\", with the comparison "
      "and ORDER BY reversed), jumping to page N is no longer possible. The first page is the query without the "
      "keyset condition{}.",
      parameters,
      paging.offset_parameter > 0 ? fmt::format("; ${} no longer holds the OFFSET", paging.offset_parameter) : "");
  result.applied = true;
  result.caveat = std::move(caveat);
  result.keyset = std::move(paging);
  return result;
}

}  // namespace dbarch::analyzers::rewrite
