// FROM-clause resolution: relations against the catalog (tables, views, CTEs), joins, sub-queries and
// functions in FROM, and column references against the resulting scopes.
#include <algorithm>

#include "sources/workload/node_children.h"
#include "sources/workload/query_walker.h"

namespace dbarch::sources::workload {

using model::ColumnRef;
using model::QualifiedName;

namespace {

bool IsSystemRelation(const pg_query::RangeVar& range_var) {
  const std::string& schema = range_var.schemaname();
  if (schema == "pg_catalog" || schema == "information_schema") return true;
  return schema.empty() && range_var.relname().rfind("pg_", 0) == 0;
}

std::string JoinTypeName(const pg_query::JoinExpr& join) {
  switch (join.jointype()) {
    case pg_query::JOIN_LEFT: return "LEFT";
    case pg_query::JOIN_RIGHT: return "RIGHT";
    case pg_query::JOIN_FULL: return "FULL";
    default:
      if (!join.has_quals() && join.using_clause_size() == 0 && !join.is_natural()) return "CROSS";
      return "INNER";
  }
}

OutputColumns ColumnsOf(const model::Table& table) {
  OutputColumns out;
  for (const auto& column : table.columns) {
    out.columns.push_back({column.name, ColumnRef{table.name, column.name}});
  }
  return out;
}

void RenameColumns(const pg_query::Alias& alias, OutputColumns* out) {
  for (int i = 0; i < alias.colnames_size() && static_cast<size_t>(i) < out->columns.size(); ++i) {
    out->columns[i].name = sql::StringValue(alias.colnames(i));
  }
}

}  // namespace

const OutputColumns& QueryWalker::ViewColumns(const model::View& view) {
  auto cached = view_columns_.find(view.name);
  if (cached != view_columns_.end()) return cached->second;
  OutputColumns out;
  out.complete = false;
  constexpr int kMaxViewDepth = 8;
  if (view_depth_ < kMaxViewDepth && !view.definition.empty()) {
    auto parsed = sql::ParseOne(view.definition);
    if (parsed.ok()) {
      sql::Statement definition;
      definition.text = view.definition;
      definition.node = std::move(parsed).value();
      model::Query scratch;  // what the view itself reads is the view's business, not this query's
      QueryWalker walker(catalog_, definition, &scratch, view_depth_ + 1);
      walker.Walk();
      out = walker.output();
    }
  }
  for (size_t i = 0; i < view.columns.size(); ++i) {
    if (i < out.columns.size()) out.columns[i].name = view.columns[i];
    else out.columns.push_back({view.columns[i], std::nullopt});
  }
  // Queries on a view are attributed to the view: that is the name the application uses.
  for (auto& column : out.columns) column.origin = ColumnRef{view.name, column.name};
  return view_columns_[view.name] = std::move(out);
}

RangeEntry QueryWalker::ResolveRelation(const pg_query::RangeVar& range_var, const Scope& scope, bool allow_cte) {
  RangeEntry entry;
  entry.name = range_var.has_alias() ? range_var.alias().aliasname() : range_var.relname();
  if (allow_cte && range_var.schemaname().empty()) {
    if (const OutputColumns* cte = scope.FindCte(range_var.relname())) {
      entry.kind = RangeEntry::Kind::kDerived;
      entry.output = *cte;
      if (range_var.has_alias()) RenameColumns(range_var.alias(), &entry.output);
      return entry;
    }
  }
  entry.relation = sql::NameOf(range_var);
  if (IsSystemRelation(range_var)) {
    entry.kind = RangeEntry::Kind::kOpaque;
    return entry;
  }
  const model::Table* table = catalog_.FindTable(entry.relation);
  auto view = catalog_.views.find(entry.relation);
  if (table == nullptr && view == catalog_.views.end() && range_var.schemaname().empty()) {
    // Not in public: the application may run with a search_path naming its own schema. Accept the
    // relation when exactly one schema has it.
    const model::Table* only_table = nullptr;
    int matches = 0;
    for (const auto& [name, candidate] : catalog_.tables) {
      if (name.name == range_var.relname()) { only_table = &candidate; ++matches; }
    }
    auto only_view = catalog_.views.end();
    for (auto it = catalog_.views.begin(); it != catalog_.views.end(); ++it) {
      if (it->first.name == range_var.relname()) { only_view = it; ++matches; }
    }
    if (matches == 1) {
      table = only_table;
      view = only_view;
    }
  }
  if (table != nullptr) {
    entry.kind = RangeEntry::Kind::kTable;
    entry.relation = table->name;
    entry.output = ColumnsOf(*table);
  } else if (view != catalog_.views.end()) {
    entry.kind = RangeEntry::Kind::kView;
    entry.relation = view->first;
    entry.output = ViewColumns(view->second);
  } else {
    std::string written = range_var.schemaname().empty() ? range_var.relname()
                                                         : range_var.schemaname() + "." + range_var.relname();
    Report("unresolved-table", "relation \"" + written + "\" does not exist", range_var.location());
    entry.kind = RangeEntry::Kind::kOpaque;
    return entry;
  }
  AddTable(entry.relation);
  if (range_var.has_alias()) RenameColumns(range_var.alias(), &entry.output);
  return entry;
}

void QueryWalker::AddFromItem(const pg_query::Node& item, Scope* scope) {
  switch (item.node_case()) {
    case pg_query::Node::kRangeVar:
      scope->AddEntry(ResolveRelation(item.range_var(), *scope, /*allow_cte=*/true));
      return;
    case pg_query::Node::kJoinExpr:
      AddJoin(item.join_expr(), scope);
      return;
    case pg_query::Node::kRangeSubselect: {
      const auto& sub = item.range_subselect();
      query_->has_subquery = true;
      RangeEntry entry;
      entry.kind = RangeEntry::Kind::kDerived;
      // A sub-query in FROM sees the outer query levels, but the other FROM items only when LATERAL.
      entry.output = WalkQuery(sub.subquery(), scope, /*hide_parent_entries=*/!sub.lateral(), Level::kNested);
      if (sub.has_alias()) {
        entry.name = sub.alias().aliasname();
        RenameColumns(sub.alias(), &entry.output);
      }
      scope->AddEntry(std::move(entry));
      return;
    }
    case pg_query::Node::kRangeFunction: {
      const auto& function = item.range_function();
      // Function arguments may refer to earlier FROM items (functions are implicitly LATERAL).
      for (const auto& f : function.functions()) WalkExpr(f, *scope, Record::kNone);
      RangeEntry entry;
      entry.kind = RangeEntry::Kind::kOpaque;
      if (function.has_alias()) entry.name = function.alias().aliasname();
      else if (!function.functions().empty() && function.functions(0).has_list() &&
               function.functions(0).list().items_size() > 0 &&
               function.functions(0).list().items(0).has_func_call()) {
        const auto& call = function.functions(0).list().items(0).func_call();
        entry.name = sql::StringValue(call.funcname(call.funcname_size() - 1));
      }
      // Column names are known only when the query spells them out.
      if (function.has_alias() && function.alias().colnames_size() > 0) {
        entry.kind = RangeEntry::Kind::kDerived;
        for (const auto& name : function.alias().colnames()) entry.output.columns.push_back({sql::StringValue(name), {}});
      } else if (function.coldeflist_size() > 0) {
        entry.kind = RangeEntry::Kind::kDerived;
        for (const auto& def : function.coldeflist()) {
          if (def.has_column_def()) entry.output.columns.push_back({def.column_def().colname(), {}});
        }
      }
      if (entry.kind == RangeEntry::Kind::kDerived && function.ordinality()) {
        entry.output.columns.push_back({"ordinality", {}});
      }
      scope->AddEntry(std::move(entry));
      return;
    }
    case pg_query::Node::kRangeTableSample:
      AddFromItem(item.range_table_sample().relation(), scope);
      for (const auto& arg : item.range_table_sample().args()) WalkExpr(arg, *scope, Record::kNone);
      return;
    default:
      // XMLTABLE, JSON_TABLE and whatever comes next: resolve what is inside, expose nothing.
      ForEachChildNode(item, [&](const pg_query::Node& child) { WalkExpr(child, *scope, Record::kNone); });
      return;
  }
}

void QueryWalker::AddJoin(const pg_query::JoinExpr& join, Scope* scope) {
  size_t left_begin = scope->entries().size();
  AddFromItem(join.larg(), scope);
  size_t right_begin = scope->entries().size();
  AddFromItem(join.rarg(), scope);
  size_t right_end = scope->entries().size();
  std::string type = JoinTypeName(join);

  auto find_in = [&](size_t begin, size_t end, const std::string& column) -> const DerivedColumn* {
    for (size_t i = begin; i < end; ++i) {
      if (const DerivedColumn* c = scope->entries()[i].FindColumn(column)) return c;
    }
    return nullptr;
  };
  auto all_known = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      if (!scope->entries()[i].columns_known()) return false;
    }
    return true;
  };

  std::vector<std::string> using_columns = sql::StringList(join.using_clause());
  if (join.is_natural()) {
    for (size_t i = left_begin; i < right_begin; ++i) {
      for (const auto& c : scope->entries()[i].output.columns) {
        if (find_in(right_begin, right_end, c.name) != nullptr &&
            std::find(using_columns.begin(), using_columns.end(), c.name) == using_columns.end()) {
          using_columns.push_back(c.name);
        }
      }
    }
  }
  std::vector<DerivedColumn> merged;
  for (const auto& name : using_columns) {
    const DerivedColumn* left = find_in(left_begin, right_begin, name);
    const DerivedColumn* right = find_in(right_begin, right_end, name);
    if (left == nullptr && all_known(left_begin, right_begin)) {
      Report("unresolved-column",
             "column \"" + name + "\" specified in USING clause does not exist in left table", -1);
    }
    if (right == nullptr && all_known(right_begin, right_end)) {
      Report("unresolved-column",
             "column \"" + name + "\" specified in USING clause does not exist in right table", -1);
    }
    if (left != nullptr && right != nullptr && left->origin && right->origin && left->origin->table != right->origin->table) {
      query_->joins.push_back({*left->origin, *right->origin, "=", type});
    }
    if (left != nullptr || right != nullptr) {
      const DerivedColumn* kept = (type == "RIGHT" && right != nullptr) || left == nullptr ? right : left;
      merged.push_back(*kept);
    }
  }
  if (join.has_quals()) {
    WalkExpr(join.quals(), *scope, Record::kNone);
    ExtractPredicates(join.quals(), *scope, {"JOIN", type});
  }
  if (join.has_alias()) {
    // `(a JOIN b USING (x)) AS j`: j exposes the merged columns, then the rest of both sides.
    RangeEntry entry;
    entry.kind = RangeEntry::Kind::kDerived;
    entry.name = join.alias().aliasname();
    entry.output.columns = merged;
    for (size_t i = left_begin; i < right_end; ++i) {
      const RangeEntry& side = scope->entries()[i];
      if (!side.columns_known()) entry.output.complete = false;
      for (const auto& c : side.output.columns) {
        if (std::find(using_columns.begin(), using_columns.end(), c.name) == using_columns.end()) {
          entry.output.columns.push_back(c);
        }
      }
    }
    RenameColumns(join.alias(), &entry.output);
    scope->AddEntry(std::move(entry));
  }
  for (auto& column : merged) scope->AddMergedColumn(std::move(column));
}

std::optional<ColumnRef> QueryWalker::ResolveColumn(const pg_query::ColumnRef& ref, const Scope& scope, bool report) {
  const auto& fields = ref.fields();
  if (fields.empty()) return std::nullopt;
  if (fields.Get(fields.size() - 1).has_a_star()) {
    if (report && fields.size() >= 2) {
      std::string relation = sql::StringValue(fields.Get(fields.size() - 2));
      std::string schema = fields.size() >= 3 ? sql::StringValue(fields.Get(fields.size() - 3)) : "";
      if (scope.FindEntry(schema, relation) == nullptr) {
        Report("unresolved-table", "missing FROM-clause entry for table \"" + relation + "\"", ref.location());
      }
    }
    return std::nullopt;
  }
  int n = fields.size();
  std::string column = sql::StringValue(fields.Get(n - 1));
  std::string relation = n >= 2 ? sql::StringValue(fields.Get(n - 2)) : "";
  std::string schema = n >= 3 ? sql::StringValue(fields.Get(n - 3)) : "";
  ColumnLookup lookup = scope.LookupColumn(schema, relation, column);
  switch (lookup.outcome) {
    case ColumnLookup::Outcome::kFound:
      return lookup.column->origin;
    case ColumnLookup::Outcome::kUnchecked:
    case ColumnLookup::Outcome::kWholeRow:
      return std::nullopt;
    case ColumnLookup::Outcome::kAmbiguous: {
      if (!report) return std::nullopt;
      std::string candidates;
      for (const auto& c : lookup.candidates) candidates += (candidates.empty() ? "" : ", ") + c;
      Report("ambiguous-column", "column reference \"" + column + "\" is ambiguous (" + candidates + ")",
             ref.location());
      return std::nullopt;
    }
    case ColumnLookup::Outcome::kNoSuchColumn:
      if (!report) return std::nullopt;
      if (relation.empty()) {
        Report("unresolved-column", "column \"" + column + "\" does not exist", ref.location());
      } else {
        std::string where = lookup.entry != nullptr && lookup.entry->kind != RangeEntry::Kind::kDerived
                                ? lookup.entry->relation.ToString()
                                : relation;
        Report("unresolved-column", "column " + relation + "." + column + " does not exist (in " + where + ")",
               ref.location());
      }
      return std::nullopt;
    case ColumnLookup::Outcome::kNoSuchRelation:
      if (report) {
        Report("unresolved-table", "missing FROM-clause entry for table \"" + relation + "\"", ref.location());
      }
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace dbarch::sources::workload
