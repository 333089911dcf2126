// Query levels and their clauses. FROM-clause resolution lives in from_clause.cc, predicate extraction in
// predicates.cc.
#include "sources/workload/query_walker.h"

#include <algorithm>
#include <set>

#include "sources/workload/node_children.h"

namespace dbarch::sources::workload {

using model::ColumnRef;

namespace {

bool IsStar(const pg_query::Node& node) {
  if (!node.has_column_ref()) return false;
  const auto& fields = node.column_ref().fields();
  return !fields.empty() && fields.Get(fields.size() - 1).has_a_star();
}

bool IsParameter(const pg_query::Node& node) {
  if (node.has_param_ref()) return true;
  return node.has_type_cast() && IsParameter(node.type_cast().arg());
}

// Aggregates by name; FuncCall syntax (agg_star, DISTINCT, ORDER BY, FILTER, WITHIN GROUP) marks the
// rest, including user-defined aggregates.
bool IsAggregateCall(const pg_query::FuncCall& call) {
  static const std::set<std::string> kAggregates = {
      "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg",
      "json_object_agg", "jsonb_object_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or", "bit_xor",
      "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr", "covar_pop",
      "covar_samp", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope",
      "regr_sxx", "regr_sxy", "regr_syy", "percentile_cont", "percentile_disc", "mode", "xmlagg",
      "range_agg", "range_intersect_agg", "any_value"};
  if (call.has_over()) return false;  // a window function call, not grouping
  if (call.agg_star() || call.agg_distinct() || call.agg_order_size() > 0 || call.has_agg_filter() ||
      call.agg_within_group()) {
    return true;
  }
  return kAggregates.count(sql::StringValue(call.funcname(call.funcname_size() - 1))) > 0;
}

// The name PostgreSQL gives an unnamed output column (FigureColname in parse_target.c).
std::string FigureColumnName(const pg_query::Node& node) {
  switch (node.node_case()) {
    case pg_query::Node::kColumnRef: {
      std::string name = sql::ColumnRefName(node.column_ref());
      return name.empty() ? "?column?" : name;
    }
    case pg_query::Node::kFuncCall:
      return sql::StringValue(node.func_call().funcname(node.func_call().funcname_size() - 1));
    case pg_query::Node::kTypeCast: {
      std::string inner = FigureColumnName(node.type_cast().arg());
      if (inner != "?column?") return inner;
      const auto& names = node.type_cast().type_name().names();
      return names.empty() ? inner : sql::StringValue(names.Get(names.size() - 1));
    }
    case pg_query::Node::kAIndirection: {
      const auto& ind = node.a_indirection().indirection();
      if (!ind.empty() && ind.Get(ind.size() - 1).has_string()) return sql::StringValue(ind.Get(ind.size() - 1));
      return FigureColumnName(node.a_indirection().arg());
    }
    case pg_query::Node::kCaseExpr: return "case";
    case pg_query::Node::kCoalesceExpr: return "coalesce";
    case pg_query::Node::kAArrayExpr: return "array";
    case pg_query::Node::kRowExpr: return "row";
    case pg_query::Node::kMinMaxExpr:
      return node.min_max_expr().op() == pg_query::IS_GREATEST ? "greatest" : "least";
    case pg_query::Node::kSubLink:
      if (node.sub_link().sub_link_type() == pg_query::EXISTS_SUBLINK) return "exists";
      if (node.sub_link().sub_link_type() == pg_query::ARRAY_SUBLINK) return "array";
      return "?column?";
    default:
      return "?column?";
  }
}

std::string OutputName(const pg_query::ResTarget& target) {
  return target.name().empty() ? FigureColumnName(target.val()) : target.name();
}

// Output column names of a SELECT without resolving anything: what a recursive CTE's own body sees.
OutputColumns NamesOnly(const pg_query::SelectStmt& select) {
  const pg_query::SelectStmt* leftmost = &select;
  while (leftmost->op() != pg_query::SETOP_NONE && leftmost->has_larg()) leftmost = &leftmost->larg();
  OutputColumns out;
  for (const auto& t : leftmost->target_list()) {
    if (!t.has_res_target()) continue;
    if (IsStar(t.res_target().val())) {
      out.complete = false;
      continue;
    }
    out.columns.push_back({OutputName(t.res_target()), std::nullopt});
  }
  return out;
}

// Renames columns positionally by an alias column list (`AS x(a, b)`).
void ApplyColumnAliases(const sql::NodeList& aliases, OutputColumns* out) {
  for (int i = 0; i < aliases.size(); ++i) {
    std::string name = sql::StringValue(aliases.Get(i));
    if (static_cast<size_t>(i) < out->columns.size()) out->columns[i].name = name;
    else out->columns.push_back({name, std::nullopt});
  }
}

void AddUnique(std::vector<ColumnRef>* list, const ColumnRef& column) {
  if (std::find(list->begin(), list->end(), column) == list->end()) list->push_back(column);
}

}  // namespace

QueryWalker::QueryWalker(const model::Catalog& catalog, const sql::Statement& statement, model::Query* query,
                         int view_depth)
    : catalog_(catalog), statement_(statement), query_(query), view_depth_(view_depth) {}

void QueryWalker::Walk() {
  const pg_query::Node* node = &statement_.node;
  for (;;) {  // EXPLAIN, PREPARE and DECLARE CURSOR wrap the query that actually runs
    if (node->has_explain_stmt()) node = &node->explain_stmt().query();
    else if (node->has_prepare_stmt()) node = &node->prepare_stmt().query();
    else if (node->has_declare_cursor_stmt()) node = &node->declare_cursor_stmt().query();
    else break;
  }
  switch (node->node_case()) {
    case pg_query::Node::kSelectStmt: query_->kind = model::StatementKind::kSelect; break;
    case pg_query::Node::kInsertStmt: query_->kind = model::StatementKind::kInsert; break;
    case pg_query::Node::kUpdateStmt: query_->kind = model::StatementKind::kUpdate; break;
    case pg_query::Node::kDeleteStmt: query_->kind = model::StatementKind::kDelete; break;
    case pg_query::Node::kMergeStmt: query_->kind = model::StatementKind::kMerge; break;
    default: query_->kind = model::StatementKind::kOther; return;
  }
  output_ = WalkQuery(*node, nullptr, false, Level::kTop);
}

OutputColumns QueryWalker::WalkQuery(const pg_query::Node& node, const Scope* parent, bool hide_parent_entries,
                                     Level level) {
  switch (node.node_case()) {
    case pg_query::Node::kSelectStmt: return WalkSelect(node.select_stmt(), parent, hide_parent_entries, level);
    case pg_query::Node::kInsertStmt: return WalkInsert(node.insert_stmt(), parent, hide_parent_entries, level);
    case pg_query::Node::kUpdateStmt: return WalkUpdate(node.update_stmt(), parent, hide_parent_entries, level);
    case pg_query::Node::kDeleteStmt: return WalkDelete(node.delete_stmt(), parent, hide_parent_entries, level);
    case pg_query::Node::kMergeStmt: return WalkMerge(node.merge_stmt(), parent, hide_parent_entries, level);
    default: {
      Scope scope(parent, hide_parent_entries);
      ForEachChildNode(node, [&](const pg_query::Node& child) { WalkExpr(child, scope, Record::kNone); });
      OutputColumns unknown;
      unknown.complete = false;
      return unknown;
    }
  }
}

void QueryWalker::WalkWith(const pg_query::WithClause& with, Scope* scope) {
  query_->has_cte = true;
  for (const auto& node : with.ctes()) {
    if (!node.has_common_table_expr()) continue;
    const auto& cte = node.common_table_expr();
    if (with.recursive()) {
      // The recursive term refers to the CTE itself: make its names visible before walking the body.
      OutputColumns names = cte.ctequery().has_select_stmt() ? NamesOnly(cte.ctequery().select_stmt())
                                                             : OutputColumns{{}, false};
      ApplyColumnAliases(cte.aliascolnames(), &names);
      scope->AddCte(cte.ctename(), names);
      OutputColumns output = WalkQuery(cte.ctequery(), scope, false, Level::kNested);
      ApplyColumnAliases(cte.aliascolnames(), &output);
      scope->UpdateCte(cte.ctename(), std::move(output));
    } else {
      OutputColumns output = WalkQuery(cte.ctequery(), scope, false, Level::kNested);
      ApplyColumnAliases(cte.aliascolnames(), &output);
      scope->AddCte(cte.ctename(), std::move(output));
    }
  }
}

OutputColumns QueryWalker::WalkSelect(const pg_query::SelectStmt& select, const Scope* parent,
                                      bool hide_parent_entries, Level level) {
  Scope scope(parent, hide_parent_entries);
  if (select.has_with_clause()) WalkWith(select.with_clause(), &scope);

  if (select.op() != pg_query::SETOP_NONE && select.op() != pg_query::SET_OPERATION_UNDEFINED) {
    Level branch = level == Level::kNested ? Level::kNested : Level::kTopBranch;
    OutputColumns left = WalkSelect(select.larg(), &scope, false, branch);
    WalkSelect(select.rarg(), &scope, false, branch);
    // ORDER BY of a set operation names its output columns; sorting by the left branch's columns is the
    // best approximation of which table columns that is.
    WalkSortClause(select.sort_clause(), scope, nullptr, &left);
    WalkLimit(select, scope, level);
    // Rows come from either branch, so no output column is one table column.
    for (auto& column : left.columns) column.origin.reset();
    return left;
  }

  if (select.values_lists_size() > 0) {
    OutputColumns out;
    for (const auto& row : select.values_lists()) {
      WalkExpr(row, scope, Record::kNone);
      if (out.columns.empty() && row.has_list()) {
        for (int i = 0; i < row.list().items_size(); ++i) {
          out.columns.push_back({"column" + std::to_string(i + 1), std::nullopt});
        }
      }
    }
    return out;
  }

  for (const auto& item : select.from_clause()) AddFromItem(item, &scope);
  OutputColumns out = WalkTargetList(select.target_list(), scope, level);
  for (const auto& expr : select.distinct_clause()) WalkExpr(expr, scope, Record::kNone);
  if (select.has_where_clause()) {
    WalkExpr(select.where_clause(), scope, Record::kNone);
    ExtractPredicates(select.where_clause(), scope, {"WHERE", "IMPLICIT"});
  }
  WalkGroupClause(select.group_clause(), scope, select.target_list());
  if (select.has_having_clause()) {
    WalkExpr(select.having_clause(), scope, Record::kNone);
    ExtractPredicates(select.having_clause(), scope, {"HAVING", "IMPLICIT"});
  }
  for (const auto& window : select.window_clause()) WalkExpr(window, scope, Record::kNone);
  WalkSortClause(select.sort_clause(), scope, &select.target_list(), nullptr);
  WalkLimit(select, scope, level);
  return out;
}

RangeEntry QueryWalker::TargetEntry(const pg_query::RangeVar& relation, const Scope& scope, Level level) {
  RangeEntry target = ResolveRelation(relation, scope, /*allow_cte=*/false);
  if (level == Level::kTop && target.kind != RangeEntry::Kind::kOpaque) query_->target = target.relation;
  return target;
}

void QueryWalker::AddSetColumn(const RangeEntry& target, const std::string& column, int location) {
  if (!target.columns_known()) return;  // unresolved target: already reported
  const DerivedColumn* found = target.FindColumn(column);
  if (found == nullptr) {
    Report("unresolved-column",
           "column \"" + column + "\" of relation \"" + target.relation.ToString() + "\" does not exist", location);
  } else if (found->origin) {
    AddUnique(&query_->set_columns, *found->origin);
  }
}

OutputColumns QueryWalker::WalkReturning(const sql::NodeList& returning, const Scope& scope, Level level) {
  if (returning.empty()) return OutputColumns{};
  return WalkTargetList(returning, scope, level);
}

OutputColumns QueryWalker::WalkInsert(const pg_query::InsertStmt& insert, const Scope* parent,
                                      bool hide_parent_entries, Level level) {
  Scope scope(parent, hide_parent_entries);
  if (insert.has_with_clause()) WalkWith(insert.with_clause(), &scope);
  RangeEntry target = TargetEntry(insert.relation(), scope, level);
  for (const auto& col : insert.cols()) {
    if (col.has_res_target()) AddSetColumn(target, col.res_target().name(), col.res_target().location());
  }
  if (insert.has_select_stmt()) {
    // The rows to insert cannot see the target table; VALUES and SELECT alike.
    WalkQuery(insert.select_stmt(), &scope, true, Level::kNested);
  }

  Scope target_scope(&scope);
  target_scope.AddEntry(target);
  if (insert.has_on_conflict_clause()) {
    const auto& conflict = insert.on_conflict_clause();
    if (conflict.has_infer()) {
      for (const auto& elem : conflict.infer().index_elems()) {
        if (!elem.has_index_elem()) continue;
        const auto& index_elem = elem.index_elem();
        if (!index_elem.name().empty()) {
          if (!target.columns_known()) continue;
          const DerivedColumn* found = target.FindColumn(index_elem.name());
          if (found == nullptr) {
            Report("unresolved-column",
                   "column \"" + index_elem.name() + "\" of relation \"" + target.relation.ToString() +
                       "\" does not exist",
                   conflict.infer().location());
          } else if (found->origin) {
            AddUnique(&query_->conflict_columns, *found->origin);
          }
        } else if (index_elem.has_expr()) {
          WalkExpr(index_elem.expr(), target_scope, Record::kNone);
          std::vector<ColumnRef> columns;
          bool has_aggregate = false;
          CollectColumns(index_elem.expr(), target_scope, &columns, &has_aggregate);
          for (const auto& c : columns) AddUnique(&query_->conflict_columns, c);
        }
      }
      if (conflict.infer().has_where_clause()) WalkExpr(conflict.infer().where_clause(), target_scope, Record::kNone);
    }
    // DO UPDATE sees the existing row under the target's name and the proposed one as EXCLUDED.
    Scope update_scope(&scope);
    update_scope.AddEntry(target);
    RangeEntry excluded = target;
    excluded.name = "excluded";
    update_scope.AddEntry(excluded);
    for (const auto& t : conflict.target_list()) {
      if (!t.has_res_target()) continue;
      AddSetColumn(target, t.res_target().name(), t.res_target().location());
      WalkExpr(t.res_target().val(), update_scope, Record::kNone);
    }
    if (conflict.has_where_clause()) WalkExpr(conflict.where_clause(), update_scope, Record::kNone);
  }
  return WalkReturning(insert.returning_list(), target_scope, level);
}

OutputColumns QueryWalker::WalkUpdate(const pg_query::UpdateStmt& update, const Scope* parent,
                                      bool hide_parent_entries, Level level) {
  Scope scope(parent, hide_parent_entries);
  if (update.has_with_clause()) WalkWith(update.with_clause(), &scope);
  RangeEntry target = TargetEntry(update.relation(), scope, level);
  scope.AddEntry(target);
  for (const auto& item : update.from_clause()) AddFromItem(item, &scope);
  for (const auto& t : update.target_list()) {
    if (!t.has_res_target()) continue;
    const auto& res = t.res_target();
    AddSetColumn(target, res.name(), res.location());
    if (res.val().has_multi_assign_ref()) {
      // `SET (a, b) = (SELECT …)` repeats the source for every column; walk it once.
      if (res.val().multi_assign_ref().colno() == 1) WalkExpr(res.val().multi_assign_ref().source(), scope, Record::kNone);
    } else {
      WalkExpr(res.val(), scope, Record::kNone);
    }
  }
  if (update.has_where_clause()) {
    WalkExpr(update.where_clause(), scope, Record::kNone);
    ExtractPredicates(update.where_clause(), scope, {"WHERE", "IMPLICIT"});
  }
  return WalkReturning(update.returning_list(), scope, level);
}

OutputColumns QueryWalker::WalkDelete(const pg_query::DeleteStmt& del, const Scope* parent,
                                      bool hide_parent_entries, Level level) {
  Scope scope(parent, hide_parent_entries);
  if (del.has_with_clause()) WalkWith(del.with_clause(), &scope);
  scope.AddEntry(TargetEntry(del.relation(), scope, level));
  for (const auto& item : del.using_clause()) AddFromItem(item, &scope);
  if (del.has_where_clause()) {
    WalkExpr(del.where_clause(), scope, Record::kNone);
    ExtractPredicates(del.where_clause(), scope, {"WHERE", "IMPLICIT"});
  }
  return WalkReturning(del.returning_list(), scope, level);
}

OutputColumns QueryWalker::WalkMerge(const pg_query::MergeStmt& merge, const Scope* parent,
                                     bool hide_parent_entries, Level level) {
  Scope scope(parent, hide_parent_entries);
  if (merge.has_with_clause()) WalkWith(merge.with_clause(), &scope);
  RangeEntry target = TargetEntry(merge.relation(), scope, level);
  scope.AddEntry(target);
  if (merge.has_source_relation()) AddFromItem(merge.source_relation(), &scope);
  if (merge.has_join_condition()) {
    WalkExpr(merge.join_condition(), scope, Record::kNone);
    // Every source row looks for its target row (an outer join when there is WHEN NOT MATCHED).
    ExtractPredicates(merge.join_condition(), scope, {"JOIN", "LEFT"});
  }
  for (const auto& node : merge.merge_when_clauses()) {
    if (!node.has_merge_when_clause()) continue;
    const auto& when = node.merge_when_clause();
    if (when.has_condition()) WalkExpr(when.condition(), scope, Record::kNone);
    for (const auto& t : when.target_list()) {
      if (!t.has_res_target()) continue;
      AddSetColumn(target, t.res_target().name(), t.res_target().location());
      if (t.res_target().has_val()) WalkExpr(t.res_target().val(), scope, Record::kNone);
    }
    for (const auto& value : when.values()) WalkExpr(value, scope, Record::kNone);
  }
  OutputColumns none;
  return none;
}

OutputColumns QueryWalker::WalkTargetList(const sql::NodeList& targets, const Scope& scope, Level level) {
  OutputColumns out;
  for (const auto& t : targets) {
    if (!t.has_res_target()) {
      WalkExpr(t, scope, Record::kSelectList);
      continue;
    }
    const auto& res = t.res_target();
    if (IsStar(res.val())) {
      if (level != Level::kNested) query_->select_star = true;
      ExpandStar(res.val().column_ref(), scope, &out);
      continue;
    }
    WalkExpr(res.val(), scope, Record::kSelectList);
    DerivedColumn column{OutputName(res), std::nullopt};
    if (res.val().has_column_ref()) column.origin = ResolveColumn(res.val().column_ref(), scope, false);
    out.columns.push_back(std::move(column));
  }
  return out;
}

void QueryWalker::ExpandStar(const pg_query::ColumnRef& star, const Scope& scope, OutputColumns* out) {
  auto append = [out](const RangeEntry& entry) {
    if (!entry.columns_known()) out->complete = false;
    out->columns.insert(out->columns.end(), entry.output.columns.begin(), entry.output.columns.end());
  };
  if (star.fields_size() == 1) {
    for (const auto& entry : scope.entries()) append(entry);
    return;
  }
  std::string relation = sql::StringValue(star.fields(star.fields_size() - 2));
  std::string schema = star.fields_size() >= 3 ? sql::StringValue(star.fields(star.fields_size() - 3)) : "";
  if (const RangeEntry* entry = scope.FindEntry(schema, relation)) {
    append(*entry);
  } else {
    Report("unresolved-table", "missing FROM-clause entry for table \"" + relation + "\"", star.location());
    out->complete = false;
  }
}

void QueryWalker::WalkSortClause(const sql::NodeList& sort, const Scope& scope, const sql::NodeList* targets,
                                 const OutputColumns* set_output) {
  for (const auto& item : sort) {
    if (!item.has_sort_by()) continue;
    const auto& sort_by = item.sort_by();
    model::OrderItem order;
    order.descending = sort_by.sortby_dir() == pg_query::SORTBY_DESC;
    if (sort_by.sortby_nulls() == pg_query::SORTBY_NULLS_FIRST) order.nulls_first = true;
    if (sort_by.sortby_nulls() == pg_query::SORTBY_NULLS_LAST) order.nulls_first = false;

    const pg_query::Node* expr = &sort_by.node();
    bool is_output_column = false;
    std::string bare_name;
    if (expr->has_column_ref() && expr->column_ref().fields_size() == 1) bare_name = sql::ColumnRefName(expr->column_ref());
    if (set_output != nullptr) {
      // A set operation's ORDER BY can only name output columns (or positions).
      const DerivedColumn* column = nullptr;
      if (auto position = sql::IntegerValue(*expr); position && *position >= 1 &&
                                                    static_cast<size_t>(*position) <= set_output->columns.size()) {
        column = &set_output->columns[*position - 1];
      } else {
        for (const auto& c : set_output->columns) {
          if (c.name == bare_name) column = &c;
        }
      }
      if (column != nullptr && column->origin) order.column = *column->origin;
      else order.expression = sql::DeparseExpr(*expr);
      query_->order_by.push_back(std::move(order));
      continue;
    }
    if (targets != nullptr) {
      // ORDER BY 2, or ORDER BY an output name: PostgreSQL looks at the SELECT list first.
      if (auto position = sql::IntegerValue(*expr); position && expr->has_a_const()) {
        if (*position >= 1 && *position <= targets->size() && targets->Get(*position - 1).has_res_target()) {
          expr = &targets->Get(*position - 1).res_target().val();
          is_output_column = true;
        }
      } else if (!bare_name.empty()) {
        for (const auto& t : *targets) {
          if (t.has_res_target() && t.res_target().name() == bare_name) {
            expr = &t.res_target().val();
            is_output_column = true;
            break;
          }
        }
      }
    }
    if (!is_output_column) WalkExpr(*expr, scope, Record::kNone);
    ColumnSide side = DescribeSide(*expr, scope);
    if (side.plain && !side.column) {
      // A computed sub-query column or an unresolved name: nothing a table index could provide.
      order.expression = sql::DeparseExpr(*expr);
    } else {
      if (side.column) order.column = *side.column;
      order.expression = side.plain ? "" : sql::DeparseExpr(*expr);
    }
    query_->order_by.push_back(std::move(order));
  }
}

void QueryWalker::WalkGroupClause(const sql::NodeList& group, const Scope& scope, const sql::NodeList& targets) {
  for (const auto& item : group) {
    if (item.has_grouping_set()) {
      WalkGroupClause(item.grouping_set().content(), scope, targets);
      continue;
    }
    if (item.has_list()) {  // a parenthesised column list inside ROLLUP/CUBE/GROUPING SETS
      WalkGroupClause(item.list().items(), scope, targets);
      continue;
    }
    const pg_query::Node* expr = &item;
    bool is_output_column = false;
    if (auto position = sql::IntegerValue(item); position && item.has_a_const()) {
      if (*position >= 1 && *position <= targets.size() && targets.Get(*position - 1).has_res_target()) {
        expr = &targets.Get(*position - 1).res_target().val();
        is_output_column = true;
      }
    } else if (item.has_column_ref() && item.column_ref().fields_size() == 1) {
      // GROUP BY prefers input columns; an output name is used only when no input column has it.
      std::string name = sql::ColumnRefName(item.column_ref());
      auto lookup = scope.LookupColumn("", "", name);
      if (lookup.outcome == ColumnLookup::Outcome::kNoSuchColumn) {
        for (const auto& t : targets) {
          if (t.has_res_target() && t.res_target().name() == name) {
            expr = &t.res_target().val();
            is_output_column = true;
            break;
          }
        }
      }
    }
    if (!is_output_column) WalkExpr(*expr, scope, Record::kNone);
    std::vector<ColumnRef> columns;
    bool has_aggregate = false;
    CollectColumns(*expr, scope, &columns, &has_aggregate);
    for (const auto& c : columns) AddUnique(&query_->group_by, c);
  }
}

void QueryWalker::WalkLimit(const pg_query::SelectStmt& select, const Scope& scope, Level level) {
  if (select.has_limit_count()) {
    WalkExpr(select.limit_count(), scope, Record::kNone);
    if (level == Level::kTop) {
      if (auto value = sql::IntegerValue(select.limit_count())) query_->limit = *value;
      else if (IsParameter(select.limit_count())) query_->has_parameter_limit = true;
    }
  }
  if (select.has_limit_offset()) {
    WalkExpr(select.limit_offset(), scope, Record::kNone);
    if (level == Level::kTop) {
      if (auto value = sql::IntegerValue(select.limit_offset())) query_->offset = *value;
      else if (IsParameter(select.limit_offset())) query_->has_parameter_offset = true;
    }
  }
}

void QueryWalker::WalkExpr(const pg_query::Node& node, const Scope& scope, Record record) {
  switch (node.node_case()) {
    case pg_query::Node::kColumnRef: {
      auto column = ResolveColumn(node.column_ref(), scope, true);
      if (column && record == Record::kSelectList) AddUnique(&query_->select_columns, *column);
      return;
    }
    case pg_query::Node::kSubLink: {
      query_->has_subquery = true;
      const auto& link = node.sub_link();
      if (link.has_testexpr()) WalkExpr(link.testexpr(), scope, record);
      WalkQuery(link.subselect(), &scope, false, Level::kNested);
      return;
    }
    case pg_query::Node::kSelectStmt:
    case pg_query::Node::kInsertStmt:
    case pg_query::Node::kUpdateStmt:
    case pg_query::Node::kDeleteStmt:
    case pg_query::Node::kMergeStmt:
      query_->has_subquery = true;
      WalkQuery(node, &scope, false, Level::kNested);
      return;
    case pg_query::Node::kFuncCall:
      if (IsAggregateCall(node.func_call())) query_->has_aggregate = true;
      break;
    default:
      break;
  }
  ForEachChildNode(node, [&](const pg_query::Node& child) { WalkExpr(child, scope, record); });
}

void QueryWalker::CollectColumns(const pg_query::Node& node, const Scope& scope, std::vector<ColumnRef>* columns,
                                 bool* has_aggregate) {
  switch (node.node_case()) {
    case pg_query::Node::kColumnRef:
      if (auto column = ResolveColumn(node.column_ref(), scope, false)) AddUnique(columns, *column);
      return;
    case pg_query::Node::kSubLink:
    case pg_query::Node::kSelectStmt:
      return;  // columns of another query level
    case pg_query::Node::kFuncCall:
      if (IsAggregateCall(node.func_call()) || node.func_call().has_over()) *has_aggregate = true;
      break;
    default:
      break;
  }
  ForEachChildNode(node, [&](const pg_query::Node& child) { CollectColumns(child, scope, columns, has_aggregate); });
}

QueryWalker::ColumnSide QueryWalker::DescribeSide(const pg_query::Node& node, const Scope& scope) {
  ColumnSide side;
  if (node.has_column_ref()) {
    side.plain = true;
    if (!IsStar(node)) side.column = ResolveColumn(node.column_ref(), scope, false);
    return side;
  }
  std::vector<ColumnRef> columns;
  bool has_aggregate = false;
  CollectColumns(node, scope, &columns, &has_aggregate);
  if (!columns.empty() && !has_aggregate) {
    side.column = columns.front();
    side.expression = sql::DeparseExpr(node);
  }
  return side;
}

void QueryWalker::AddTable(const model::QualifiedName& name) {
  if (std::find(query_->tables.begin(), query_->tables.end(), name) == query_->tables.end()) {
    query_->tables.push_back(name);
  }
}

SourceLocation QueryWalker::LocationAt(int node_location) const {
  const int offset = statement_.NodeOffset(node_location);
  SourceLocation location = statement_.location;
  location.length = 0;
  const std::string& text = statement_.text;
  if (offset < 0 || static_cast<size_t>(offset) > text.size()) return location;
  size_t last_newline = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  if (offset == 0) last_newline = std::string::npos;
  int newlines = static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
  location.line += newlines;
  if (newlines == 0) location.column += offset;
  else location.column = static_cast<int>(offset - last_newline);
  location.byte_offset += offset;
  return location;
}

void QueryWalker::Report(std::string code, std::string message, int node_location) {
  Diagnostic diagnostic{Severity::kWarning, LocationAt(node_location), std::move(code), std::move(message)};
  for (const auto& existing : query_->diagnostics) {
    if (existing.code == diagnostic.code && existing.message == diagnostic.message &&
        existing.location == diagnostic.location) {
      return;
    }
  }
  query_->diagnostics.push_back(std::move(diagnostic));
}

}  // namespace dbarch::sources::workload
