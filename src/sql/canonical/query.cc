// Query rules (rule 12): output column names, `*` expansion over FROM items and CTEs, qualifiers, and
// ORDER BY/GROUP BY references to output columns.
#include <algorithm>

#include "sql/ast.h"
#include "sql/canonical/normalizer.h"

namespace dbarch::sql::canonical {

using pg_query::Node;

namespace {

// The name PostgreSQL gives an output column (FigureColnameInternal); strength 0 = nothing found.
int FigureColname(const Node& node, std::string* name) {
  switch (node.node_case()) {
    case Node::kColumnRef: {
      const auto& fields = node.column_ref().fields();
      for (int i = fields.size() - 1; i >= 0; --i) {
        if (fields[i].has_string()) {
          *name = fields[i].string().sval();
          return 2;
        }
      }
      return 0;
    }
    case Node::kAIndirection: {
      const auto& ind = node.a_indirection().indirection();
      for (int i = ind.size() - 1; i >= 0; --i) {
        if (ind[i].has_string()) {
          *name = ind[i].string().sval();
          return 2;
        }
      }
      return FigureColname(node.a_indirection().arg(), name);
    }
    case Node::kFuncCall: {
      const auto& names = node.func_call().funcname();
      if (names.empty()) return 0;
      *name = StringValue(names[names.size() - 1]);
      return 2;
    }
    case Node::kAExpr:
      if (node.a_expr().kind() == pg_query::AEXPR_NULLIF) {
        *name = "nullif";
        return 2;
      }
      return 0;
    case Node::kTypeCast: {
      int strength = FigureColname(node.type_cast().arg(), name);
      if (strength <= 1) {
        const auto& names = node.type_cast().type_name().names();
        if (!names.empty()) {
          *name = StringValue(names[names.size() - 1]);
          return 1;
        }
      }
      return strength;
    }
    case Node::kCollateClause: return FigureColname(node.collate_clause().arg(), name);
    case Node::kGroupingFunc: *name = "grouping"; return 2;
    case Node::kSubLink:
      switch (node.sub_link().sub_link_type()) {
        case pg_query::EXISTS_SUBLINK: *name = "exists"; return 2;
        case pg_query::ARRAY_SUBLINK: *name = "array"; return 2;
        case pg_query::EXPR_SUBLINK: {
          const auto& sub = node.sub_link().subselect();
          if (sub.has_select_stmt() && sub.select_stmt().target_list_size() == 1) {
            const auto& target = sub.select_stmt().target_list(0).res_target();
            if (!target.name().empty()) {
              *name = target.name();
              return 2;
            }
            return FigureColname(target.val(), name);
          }
          return 0;
        }
        default: return 0;
      }
    case Node::kCaseExpr: {
      int strength = FigureColname(node.case_expr().defresult(), name);
      if (strength <= 1) {
        *name = "case";
        return 1;
      }
      return strength;
    }
    case Node::kAArrayExpr: *name = "array"; return 2;
    case Node::kRowExpr: *name = "row"; return 2;
    case Node::kCoalesceExpr: *name = "coalesce"; return 2;
    case Node::kMinMaxExpr:
      *name = node.min_max_expr().op() == pg_query::IS_GREATEST ? "greatest" : "least";
      return 2;
    case Node::kSqlvalueFunction: {
      static const std::map<int, std::string> kNames = {
          {pg_query::SVFOP_CURRENT_DATE, "current_date"}, {pg_query::SVFOP_CURRENT_TIME, "current_time"},
          {pg_query::SVFOP_CURRENT_TIME_N, "current_time"}, {pg_query::SVFOP_CURRENT_TIMESTAMP, "current_timestamp"},
          {pg_query::SVFOP_CURRENT_TIMESTAMP_N, "current_timestamp"}, {pg_query::SVFOP_LOCALTIME, "localtime"},
          {pg_query::SVFOP_LOCALTIME_N, "localtime"}, {pg_query::SVFOP_LOCALTIMESTAMP, "localtimestamp"},
          {pg_query::SVFOP_LOCALTIMESTAMP_N, "localtimestamp"}, {pg_query::SVFOP_CURRENT_ROLE, "current_role"},
          {pg_query::SVFOP_CURRENT_USER, "current_user"}, {pg_query::SVFOP_USER, "user"},
          {pg_query::SVFOP_SESSION_USER, "session_user"}, {pg_query::SVFOP_CURRENT_CATALOG, "current_catalog"},
          {pg_query::SVFOP_CURRENT_SCHEMA, "current_schema"}};
      auto it = kNames.find(node.sqlvalue_function().op());
      if (it == kNames.end()) return 0;
      *name = it->second;
      return 2;
    }
    default: return 0;
  }
}

std::string OutputName(const Node& val) {
  std::string name;
  if (FigureColname(val, &name) == 0) name = "?column?";
  return name;
}

bool IsStar(const Node& val) {
  if (!val.has_column_ref()) return false;
  const auto& fields = val.column_ref().fields();
  return !fields.empty() && fields[fields.size() - 1].has_a_star();
}

}  // namespace

Columns Normalizer::RelationColumns(const pg_query::RangeVar& rv) const {
  if (rv.schemaname().empty()) {
    for (auto scope = ctes_.rbegin(); scope != ctes_.rend(); ++scope) {
      if (auto it = scope->find(rv.relname()); it != scope->end()) return it->second;
    }
  }
  if (!columns_of_ || !*columns_of_) return std::nullopt;
  auto columns = (*columns_of_)(rv.schemaname(), rv.relname());
  if (columns.empty()) return std::nullopt;
  return columns;
}

// Applies an alias's column list to the columns it renames.
static Columns WithAliasColumns(Columns columns, const pg_query::Alias& alias) {
  auto names = StringList(alias.colnames());
  if (names.empty()) return columns;
  if (!columns) return names;
  for (std::size_t i = 0; i < names.size() && i < columns->size(); ++i) (*columns)[i] = names[i];
  return columns;
}

Columns Normalizer::FromItemColumns(Node* item, std::vector<FromItem>* named) {
  switch (item->node_case()) {
    case Node::kRangeVar: {
      auto* rv = item->mutable_range_var();
      Columns columns = WithAliasColumns(RelationColumns(*rv), rv->alias());
      rv->clear_schemaname();
      rv->clear_catalogname();
      named->push_back({rv->has_alias() ? rv->alias().aliasname() : rv->relname(), columns});
      return columns;
    }
    case Node::kRangeSubselect: {
      auto* sub = item->mutable_range_subselect();
      Columns columns;
      if (sub->subquery().has_select_stmt()) {
        columns = Select(sub->mutable_subquery()->mutable_select_stmt(), true, nullptr);
        if (std::find(columns->begin(), columns->end(), "*") != columns->end()) columns.reset();
      } else {
        Expr(sub->mutable_subquery());
      }
      columns = WithAliasColumns(columns, sub->alias());
      if (sub->has_alias()) named->push_back({sub->alias().aliasname(), columns});
      return columns;
    }
    case Node::kJoinExpr: {
      auto* join = item->mutable_join_expr();
      std::vector<FromItem> inner;
      Columns left = FromItemColumns(join->mutable_larg(), &inner);
      Columns right = FromItemColumns(join->mutable_rarg(), &inner);
      if (join->has_quals()) Expr(join->mutable_quals());
      named->insert(named->end(), inner.begin(), inner.end());
      Columns columns;
      if (left && right) {
        std::vector<std::string> merged = StringList(join->using_clause());
        if (join->is_natural()) {
          for (const auto& c : *left) {
            if (std::find(right->begin(), right->end(), c) != right->end()) merged.push_back(c);
          }
        }
        std::vector<std::string> out = merged;
        for (const auto* side : {&*left, &*right}) {
          for (const auto& c : *side) {
            if (std::find(merged.begin(), merged.end(), c) == merged.end()) out.push_back(c);
          }
        }
        columns = std::move(out);
      }
      columns = WithAliasColumns(columns, join->alias());
      if (join->has_alias()) named->push_back({join->alias().aliasname(), columns});
      return columns;
    }
    default:
      Expr(item);
      if (item->has_range_function() && item->range_function().has_alias()) {
        named->push_back({item->range_function().alias().aliasname(),
                          WithAliasColumns(std::nullopt, item->range_function().alias())});
      }
      return std::nullopt;
  }
}

void Normalizer::WithClause(pg_query::WithClause* with) {
  for (auto& node : *with->mutable_ctes()) {
    if (!node.has_common_table_expr()) continue;
    auto* cte = node.mutable_common_table_expr();
    auto aliases = StringList(cte->aliascolnames());
    Columns columns;
    if (!aliases.empty()) columns = aliases;
    if (with->recursive()) ctes_.back()[cte->ctename()] = columns;
    if (cte->ctequery().has_select_stmt()) {
      auto names = Select(cte->mutable_ctequery()->mutable_select_stmt(), true, nullptr);
      if (!columns && std::find(names.begin(), names.end(), "*") == names.end()) columns = names;
    } else {
      Expr(cte->mutable_ctequery());
    }
    cte->clear_location();
    ctes_.back()[cte->ctename()] = columns;
  }
}

// ORDER BY/GROUP BY `name` or `position` that refers to an output column → that column's expression.
void Normalizer::ReplaceOutputReference(Node* item, const std::vector<std::string>& names,
                                        const pg_query::SelectStmt& select, const std::vector<FromItem>& named,
                                        bool group_by) {
  Node* target = item->has_sort_by() ? item->mutable_sort_by()->mutable_node() : item;
  int index = -1;
  if (target->has_a_const() && target->a_const().has_ival()) {
    index = target->a_const().ival().ival() - 1;
  } else if (target->has_column_ref() && target->column_ref().fields_size() == 1 &&
             target->column_ref().fields(0).has_string()) {
    std::string name = target->column_ref().fields(0).string().sval();
    if (group_by) {  // GROUP BY prefers input columns
      for (const auto& from : named) {
        if (from.columns && std::find(from.columns->begin(), from.columns->end(), name) != from.columns->end()) return;
      }
    }
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) index = static_cast<int>(it - names.begin());
  }
  if (index < 0 || index >= select.target_list_size()) return;
  *target = select.target_list(index).res_target().val();
}

std::vector<std::string> Normalizer::Select(pg_query::SelectStmt* select, bool names_visible,
                                            const std::vector<std::string>* output_columns) {
  ctes_.emplace_back();
  if (select->has_with_clause()) WithClause(select->mutable_with_clause());
  std::vector<std::string> names;
  if (select->op() != pg_query::SETOP_NONE) {
    names = Select(select->mutable_larg(), names_visible, output_columns);
    Select(select->mutable_rarg(), false, nullptr);
    for (auto& item : *select->mutable_sort_clause()) Expr(&item);
    if (select->has_limit_count()) Expr(select->mutable_limit_count());
    if (select->has_limit_offset()) Expr(select->mutable_limit_offset());
    ctes_.pop_back();
    return names;
  }
  if (select->values_lists_size() > 0) {
    for (auto& row : *select->mutable_values_lists()) Expr(&row);
    int n = select->values_lists(0).has_list() ? select->values_lists(0).list().items_size() : 0;
    for (int i = 1; i <= n; ++i) names.push_back("column" + std::to_string(i));
    ctes_.pop_back();
    return names;
  }

  std::vector<FromItem> named;
  std::vector<Columns> top_level;
  for (auto& item : *select->mutable_from_clause()) top_level.push_back(FromItemColumns(&item, &named));

  // Targets: names from the original expressions, `*` expanded where the columns are known.
  google::protobuf::RepeatedPtrField<Node> targets;
  for (auto& node : *select->mutable_target_list()) {
    auto* target = node.mutable_res_target();
    if (!IsStar(target->val())) {
      if (target->name().empty()) target->set_name(OutputName(target->val()));
      names.push_back(target->name());
      *targets.Add() = std::move(node);
      continue;
    }
    std::string qualifier = ColumnRefQualifier(target->val().column_ref());
    Columns expanded;
    if (qualifier.empty()) {
      expanded.emplace();
      for (const auto& columns : top_level) {
        if (!columns) {
          expanded.reset();
          break;
        }
        expanded->insert(expanded->end(), columns->begin(), columns->end());
      }
      if (top_level.empty()) expanded.reset();
    } else {
      for (auto it = named.rbegin(); it != named.rend(); ++it) {
        if (it->name == qualifier) {
          expanded = it->columns;
          break;
        }
      }
    }
    if (!expanded) {
      names.push_back("*");
      *targets.Add() = std::move(node);
      continue;
    }
    for (const auto& column : *expanded) {
      Node out;
      auto* res = out.mutable_res_target();
      *res->mutable_val()->mutable_column_ref()->add_fields() = StringNode(column);
      res->set_name(column);
      names.push_back(column);
      *targets.Add() = std::move(out);
    }
  }
  select->mutable_target_list()->Swap(&targets);
  if (output_columns && output_columns->size() == names.size()) names = *output_columns;

  for (int i = 0; i < select->target_list_size(); ++i) {
    auto* target = select->mutable_target_list(i)->mutable_res_target();
    target->clear_location();
    Expr(target->mutable_val());
    const auto& val = target->val();
    bool plain_column = val.has_column_ref() && val.column_ref().fields_size() > 0 &&
                        val.column_ref().fields(val.column_ref().fields_size() - 1).has_string() &&
                        val.column_ref().fields(val.column_ref().fields_size() - 1).string().sval() == names[i];
    if (!names_visible || plain_column || names[i] == "*") target->clear_name();
    else target->set_name(names[i]);
  }
  for (auto& item : *select->mutable_sort_clause()) {
    ReplaceOutputReference(&item, names, *select, named, false);
    Expr(&item);
  }
  for (auto& item : *select->mutable_group_clause()) {
    ReplaceOutputReference(&item, names, *select, named, true);
    Expr(&item);
  }
  if (select->has_where_clause()) Expr(select->mutable_where_clause());
  if (select->has_having_clause()) Expr(select->mutable_having_clause());
  if (select->has_limit_count()) Expr(select->mutable_limit_count());
  if (select->has_limit_offset()) Expr(select->mutable_limit_offset());
  for (auto& item : *select->mutable_distinct_clause()) Expr(&item);
  for (auto& item : *select->mutable_window_clause()) Expr(&item);
  ctes_.pop_back();
  return names;
}

}  // namespace dbarch::sql::canonical
