#include "analyzers/denormalize/aggregate_shape.h"

#include <fmt/format.h>

#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers::denormalize {
namespace {

using rewrite::ColumnName;
using rewrite::VisitMutable;

// Aggregates whose result cannot be combined from per-group partial results.
const std::set<std::string>& NonDecomposableAggregates() {
  static const std::set<std::string> kNames = {
      "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "xmlagg",
      "percentile_cont", "percentile_disc", "mode", "rank", "dense_rank", "percent_rank", "cume_dist",
      "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr", "covar_pop",
      "covar_samp", "regr_slope", "regr_intercept", "bool_and", "bool_or", "every", "bit_and", "bit_or",
      "range_agg", "range_intersect_agg"};
  return kNames;
}
const std::set<std::string>& DecomposableAggregates() {
  static const std::set<std::string> kNames = {"count", "sum", "min", "max", "avg"};
  return kNames;
}
// Functions whose value changes between calls or over time: a filter using them cannot go into a summary.
const std::set<std::string>& TimeDependentFunctions() {
  static const std::set<std::string> kNames = {"now", "clock_timestamp", "statement_timestamp",
                                               "transaction_timestamp", "timeofday", "random"};
  return kNames;
}

std::string FunctionName(const pg_query::FuncCall& call) {
  if (call.funcname_size() == 0) return "";
  return sql::StringValue(call.funcname(call.funcname_size() - 1));
}

struct ExprFacts {
  bool columns = false, parameters = false, time_functions = false, aggregates = false, subqueries = false,
       windows = false;
  std::string non_decomposable;  // the first such aggregate's name
};

ExprFacts FactsOf(const pg_query::Node& expr) {
  ExprFacts facts;
  sql::VisitTree(expr, [&](const google::protobuf::Message& message) {
    if (const auto* node = dynamic_cast<const pg_query::Node*>(&message)) {
      if (node->has_column_ref()) facts.columns = true;
      if (node->has_param_ref()) facts.parameters = true;
      if (node->has_sqlvalue_function()) facts.time_functions = true;
      if (node->has_sub_link() || node->has_range_subselect()) facts.subqueries = true;
      if (node->has_func_call()) {
        const auto& call = node->func_call();
        const std::string name = FunctionName(call);
        if (call.has_over()) facts.windows = true;
        if (TimeDependentFunctions().count(name) != 0) facts.time_functions = true;
        if (DecomposableAggregates().count(name) != 0 || call.agg_star()) facts.aggregates = true;
        if (NonDecomposableAggregates().count(name) != 0 || call.agg_within_group()) {
          facts.aggregates = true;
          if (facts.non_decomposable.empty()) facts.non_decomposable = name;
        }
      }
    }
  });
  return facts;
}

void SplitConjuncts(const pg_query::Node& expr, std::vector<pg_query::Node>* out) {
  if (expr.has_bool_expr() && expr.bool_expr().boolop() == pg_query::AND_EXPR) {
    for (const auto& arg : expr.bool_expr().args()) SplitConjuncts(arg, out);
  } else {
    out->push_back(expr);
  }
}

class ShapeReader {
 public:
  ShapeReader(const model::Catalog& catalog, const pg_query::SelectStmt& select) : catalog_(catalog) {
    shape_.select = &select;
  }

  Result<AggregateShape> Read() {
    const auto& s = *shape_.select;
    if (s.op() != pg_query::SETOP_NONE || s.has_with_clause() || s.distinct_clause_size() > 0 ||
        s.window_clause_size() > 0 || s.locking_clause_size() > 0 || s.has_into_clause()) {
      return Status::InvalidInput("not a plain SELECT (set operation, WITH, DISTINCT, window or locking clause)");
    }
    if (s.group_clause_size() == 0) return Status::InvalidInput("no GROUP BY");
    if (s.has_having_clause()) return Status::InvalidInput("HAVING is not summarized yet");
    if (s.limit_option() == pg_query::LIMIT_OPTION_WITH_TIES) {
      return Status::InvalidInput("FETCH … WITH TIES is not summarized");
    }
    if (s.from_clause_size() != 1) {
      return Status::InvalidInput("the FROM clause is not one table or one chain of JOIN … ON");
    }
    if (Status st = ReadFrom(s.from_clause(0)); !st.ok()) return st;
    if (Status st = FindFactTable(); !st.ok()) return st;
    if (s.has_where_clause()) {
      if (Status st = ReadWhere(s.where_clause()); !st.ok()) return st;
    }
    if (Status st = ReadGroupBy(); !st.ok()) return st;
    if (Status st = ReadTargets(); !st.ok()) return st;
    if (Status st = AddBucket(); !st.ok()) return st;
    if (Status st = ReadOrderBy(); !st.ok()) return st;
    NameKeys();
    return std::move(shape_);
  }

 private:
  // Qualifies every column of `expr` with its table's alias; false when a column is unknown or ambiguous.
  Status QualifyColumns(pg_query::Node* expr) {
    Status status;
    VisitMutable(expr, [&](google::protobuf::Message* message) {
      auto* node = dynamic_cast<pg_query::Node*>(message);
      if (node == nullptr || !node->has_column_ref() || !status.ok()) return;
      const auto& ref = node->column_ref();
      const std::string column = ColumnName(ref);
      if (column.empty()) {
        status = Status::InvalidInput("SELECT * or a whole-row reference");
        return;
      }
      if (ref.fields_size() >= 2) {
        const std::string qualifier = sql::StringValue(ref.fields(ref.fields_size() - 2));
        if (shape_.tables.count(qualifier) == 0) status = Status::InvalidInput("column " + column + " of an unknown table");
        return;
      }
      std::string owner;
      for (const auto& [alias, table] : shape_.tables) {
        if (table->FindColumn(column) == nullptr) continue;
        if (!owner.empty()) {
          status = Status::InvalidInput("column " + column + " is ambiguous");
          return;
        }
        owner = alias;
      }
      if (owner.empty()) {
        status = Status::InvalidInput("column " + column + " is in none of the query's tables");
        return;
      }
      rewrite::Qualify(node, owner);
    });
    return status;
  }

  std::string Canonical(const pg_query::Node& qualified) const {
    pg_query::Node copy = qualified;
    VisitMutable(&copy, [&](google::protobuf::Message* message) {
      auto* node = dynamic_cast<pg_query::Node*>(message);
      if (node == nullptr || !node->has_column_ref()) return;
      auto* ref = node->mutable_column_ref();
      if (ref->fields_size() < 2) return;
      const std::string qualifier = sql::StringValue(ref->fields(ref->fields_size() - 2));
      auto it = shape_.tables.find(qualifier);
      if (it == shape_.tables.end()) return;
      // schema.table.column, whatever the query called the table.
      std::vector<std::string> names = {it->second->name.schema, it->second->name.name, ColumnName(*ref)};
      ref->clear_fields();
      for (const auto& n : names) ref->add_fields()->mutable_string()->set_sval(n);
    });
    return ExprSql(copy);
  }

  Status AddTable(const pg_query::RangeVar& range) {
    const model::Table* table = rewrite::CatalogTable(catalog_, range);
    if (table == nullptr) return Status::InvalidInput(sql::NameOf(range).ToString() + " is not a table of the schema");
    const std::string alias = rewrite::ReferenceName(range);
    if (!shape_.tables.emplace(alias, table).second) return Status::InvalidInput("the same alias twice");
    return Status::Ok();
  }

  Status ReadFrom(const pg_query::Node& item) {
    if (item.has_range_var()) return AddTable(item.range_var());
    if (!item.has_join_expr()) return Status::InvalidInput("a subquery or function in FROM");
    const auto& join = item.join_expr();
    if (join.jointype() != pg_query::JOIN_INNER || join.is_natural() || join.using_clause_size() > 0 ||
        !join.has_quals() || join.has_alias()) {
      return Status::InvalidInput("a join other than INNER JOIN … ON");
    }
    if (Status st = ReadFrom(join.larg()); !st.ok()) return st;
    if (Status st = ReadFrom(join.rarg()); !st.ok()) return st;
    std::vector<pg_query::Node> conditions;
    SplitConjuncts(join.quals(), &conditions);
    for (auto& condition : conditions) {
      if (Status st = ReadJoinCondition(&condition); !st.ok()) return st;
    }
    return Status::Ok();
  }

  // `child.fk = parent.key` (either order) along a single-column foreign key of `child`.
  Status ReadJoinCondition(pg_query::Node* condition) {
    const bool equality = condition->has_a_expr() && condition->a_expr().kind() == pg_query::AEXPR_OP &&
                          condition->a_expr().name_size() == 1 &&
                          sql::StringValue(condition->a_expr().name(0)) == "=" &&
                          condition->a_expr().lexpr().has_column_ref() && condition->a_expr().rexpr().has_column_ref();
    if (!equality) return Status::InvalidInput("a join condition other than column = column");
    if (Status st = QualifyColumns(condition); !st.ok()) return st;
    auto side = [](const pg_query::ColumnRef& ref) {
      return std::pair{sql::StringValue(ref.fields(ref.fields_size() - 2)), ColumnName(ref)};
    };
    auto left = side(condition->a_expr().lexpr().column_ref());
    auto right = side(condition->a_expr().rexpr().column_ref());
    for (int flip = 0; flip < 2; ++flip) {
      const auto& child = flip == 0 ? left : right;
      const auto& parent = flip == 0 ? right : left;
      const model::Table* child_table = shape_.tables.at(child.first);
      const model::Table* parent_table = shape_.tables.at(parent.first);
      for (const auto& constraint : child_table->constraints) {
        if (constraint.kind == model::ConstraintKind::kForeignKey && constraint.columns.size() == 1 &&
            constraint.columns[0] == child.second && constraint.referenced_table == parent_table->name &&
            constraint.referenced_columns.size() == 1 && constraint.referenced_columns[0] == parent.second) {
          edges_.emplace_back(child.first, parent.first);
          shape_.join_canonicals.insert(fmt::format("{}.{} = {}.{}", child_table->name.ToString(), child.second,
                                                    parent_table->name.ToString(), parent.second));
          return Status::Ok();
        }
      }
    }
    return Status::InvalidInput(fmt::format("the join {}.{} = {}.{} does not follow a foreign key", left.first,
                                               left.second, right.first, right.second));
  }

  // The fact table references every other table (directly or through another one) and is referenced by none.
  Status FindFactTable() {
    std::map<std::string, int> parents;
    for (const auto& [child, parent] : edges_) ++parents[parent];
    std::vector<std::string> roots;
    for (const auto& [alias, table] : shape_.tables) {
      if (parents.count(alias) == 0) roots.push_back(alias);
      else if (parents[alias] > 1) return Status::InvalidInput(alias + " is joined twice");
    }
    if (roots.size() != 1 || edges_.size() + 1 != shape_.tables.size()) {
      return Status::InvalidInput("the joined tables are not one fact table and the tables it references");
    }
    shape_.fact_alias = roots[0];
    return Status::Ok();
  }

  Status ReadWhere(const pg_query::Node& where) {
    std::vector<pg_query::Node> conjuncts;
    SplitConjuncts(where, &conjuncts);
    for (auto& conjunct : conjuncts) {
      const ExprFacts facts = FactsOf(conjunct);
      if (facts.subqueries) return Status::InvalidInput("a subquery in WHERE");
      if (facts.aggregates || facts.windows) return Status::InvalidInput("an aggregate in WHERE");
      if (Status st = QualifyColumns(&conjunct); !st.ok()) return st;
      if (!facts.parameters && !facts.time_functions) {
        if (!facts.columns) return Status::InvalidInput("a constant condition in WHERE");
        shape_.fixed_canonicals.insert(Canonical(conjunct));
        shape_.fixed_filters.push_back(std::move(conjunct));
        continue;
      }
      if (Status st = ReadTimeBound(conjunct); !st.ok()) return st;
    }
    return Status::Ok();
  }

  // `ts >= bound`, `ts > bound`, `ts < bound`, `ts <= bound` (or mirrored) on one timestamp column, the bound
  // free of columns.
  Status ReadTimeBound(const pg_query::Node& conjunct) {
    const std::string selective = "a filter with a parameter (" + ExprSql(conjunct) +
                                  "): the query reads few rows, an index serves it better than a summary";
    if (!conjunct.has_a_expr() || conjunct.a_expr().kind() != pg_query::AEXPR_OP ||
        conjunct.a_expr().name_size() != 1) {
      return Status::InvalidInput(selective);
    }
    const auto& expr = conjunct.a_expr();
    std::string op = sql::StringValue(expr.name(0));
    const bool column_left = expr.lexpr().has_column_ref() && !FactsOf(expr.rexpr()).columns;
    const bool column_right = expr.rexpr().has_column_ref() && !FactsOf(expr.lexpr()).columns;
    if (!column_left && !column_right) return Status::InvalidInput(selective);
    if (column_right) {
      static const std::map<std::string, std::string> kMirror = {{"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
      auto it = kMirror.find(op);
      op = it == kMirror.end() ? op : it->second;
    }
    if (op != "<" && op != "<=" && op != ">" && op != ">=") return Status::InvalidInput(selective);
    const pg_query::Node& column = column_left ? expr.lexpr() : expr.rexpr();
    const auto& ref = column.column_ref();
    const model::Table* table = shape_.tables.at(sql::StringValue(ref.fields(ref.fields_size() - 2)));
    const model::Column* definition = table->FindColumn(ColumnName(ref));
    if (definition != nullptr && definition->type.name == "date") {
      return Status::InvalidInput("a range on the date column " + ColumnName(ref) +
                                  ": only timestamp ranges get a day bucket so far");
    }
    if (definition == nullptr || definition->type.array_dims > 0 ||
        !definition->type.name.starts_with("timestamp")) {
      return Status::InvalidInput(selective);
    }
    const std::string canonical = Canonical(column);
    if (shape_.time_column && shape_.time_column_name != canonical) {
      return Status::InvalidInput("ranges on two timestamp columns");
    }
    shape_.time_column = column;
    shape_.time_column_name = canonical;
    shape_.time_type = definition->type.ToSql();
    TimeBound bound;
    bound.lower = op[0] == '>';
    bound.strict = op.size() == 1;
    bound.bound = column_left ? expr.rexpr() : expr.lexpr();
    for (const auto& other : shape_.bounds) {
      if (other.lower == bound.lower) return Status::InvalidInput("two bounds on the same side of the range");
    }
    shape_.bounds.push_back(std::move(bound));
    return Status::Ok();
  }

  // The expression a GROUP BY / ORDER BY position refers to, else the item itself.
  Result<pg_query::Node> Resolve(const pg_query::Node& item) const {
    if (auto position = sql::IntegerValue(item)) {
      const auto& targets = shape_.select->target_list();
      if (*position < 1 || *position > targets.size()) return Status::InvalidInput("a position out of range");
      return targets.Get(static_cast<int>(*position - 1)).res_target().val();
    }
    return item;
  }

  Status ReadGroupBy() {
    for (const auto& item : shape_.select->group_clause()) {
      if (item.has_grouping_set()) return Status::InvalidInput("GROUPING SETS / ROLLUP / CUBE");
      auto expr = Resolve(item);
      if (!expr.ok()) return expr.status();
      if (Status st = AddKey(*expr, nullptr); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Status AddKey(pg_query::Node expr, size_t* index) {
    const ExprFacts facts = FactsOf(expr);
    if (facts.aggregates || facts.parameters || facts.time_functions || facts.subqueries || facts.windows) {
      return Status::InvalidInput("a grouping key that is not a function of the rows' columns");
    }
    if (Status st = QualifyColumns(&expr); !st.ok()) return st;
    const std::string canonical = Canonical(expr);
    for (size_t i = 0; i < shape_.keys.size(); ++i) {
      if (shape_.keys[i].canonical == canonical) {
        if (index) *index = i;
        return Status::Ok();
      }
    }
    shape_.keys.push_back({std::move(expr), canonical, ""});
    if (index) *index = shape_.keys.size() - 1;
    return Status::Ok();
  }

  size_t AddMeasure(MeasureKind kind, const pg_query::Node* arg) {
    ShapeMeasure measure;
    measure.kind = kind;
    static const std::map<MeasureKind, std::string> kNames = {{MeasureKind::kCountStar, "count"},
                                                              {MeasureKind::kCount, "count"},
                                                              {MeasureKind::kSum, "sum"},
                                                              {MeasureKind::kMin, "min"},
                                                              {MeasureKind::kMax, "max"}};
    std::string column;
    if (arg != nullptr) {
      measure.arg = *arg;
      measure.canonical = kNames.at(kind) + "(" + Canonical(*arg) + ")";
      if (arg->has_column_ref()) {
        const auto& ref = arg->column_ref();
        column = ColumnName(ref);
        if (const model::Column* c = shape_.tables.at(sql::StringValue(ref.fields(ref.fields_size() - 2)))
                                         ->FindColumn(column)) {
          measure.arg_type = c->type.name;
        }
      }
    } else {
      measure.canonical = "count(*)";
    }
    for (size_t i = 0; i < shape_.measures.size(); ++i) {
      if (shape_.measures[i].canonical == measure.canonical) return i;
    }
    measure.name = kind == MeasureKind::kCountStar ? "row_count"
                   : column.empty() ? fmt::format("{}_{}", kNames.at(kind), shape_.measures.size() + 1)
                                    : kNames.at(kind) + "_" + column;
    shape_.measures.push_back(std::move(measure));
    return shape_.measures.size() - 1;
  }

  static std::string OutputName(const pg_query::ResTarget& target) {
    if (!target.name().empty()) return target.name();
    if (target.val().has_column_ref()) return ColumnName(target.val().column_ref());
    if (target.val().has_func_call()) return FunctionName(target.val().func_call());
    return "?column?";
  }

  Status ReadTargets() {
    for (const auto& node : shape_.select->target_list()) {
      const auto& target = node.res_target();
      OutputItem out;
      out.name = OutputName(target);
      const ExprFacts facts = FactsOf(target.val());
      if (!facts.non_decomposable.empty()) {
        return Status::InvalidInput(facts.non_decomposable +
                                       "() cannot be combined from per-group partial results");
      }
      if (facts.windows) return Status::InvalidInput("a window function");
      if (!facts.aggregates) {
        size_t key = 0;
        if (Status st = AddKey(target.val(), &key); !st.ok()) return st;
        out.key = key;
        shape_.outputs.push_back(std::move(out));
        continue;
      }
      if (!target.val().has_func_call()) return Status::InvalidInput("an aggregate inside an expression");
      const auto& call = target.val().func_call();
      const std::string name = FunctionName(call);
      if (call.agg_distinct()) return Status::InvalidInput(name + "(DISTINCT …) cannot be combined from per-group results");
      if (call.has_agg_filter() || call.agg_order_size() > 0) {
        return Status::InvalidInput("an aggregate with FILTER or ORDER BY");
      }
      if (DecomposableAggregates().count(name) == 0 || (!call.agg_star() && call.args_size() != 1)) {
        return Status::InvalidInput(name + "() is not count/sum/min/max/avg of one argument");
      }
      pg_query::Node arg;
      if (!call.agg_star()) {
        arg = call.args(0);
        const ExprFacts arg_facts = FactsOf(arg);
        if (arg_facts.aggregates || arg_facts.parameters || arg_facts.time_functions || arg_facts.subqueries) {
          return Status::InvalidInput("an aggregate over parameters or subqueries");
        }
        if (Status st = QualifyColumns(&arg); !st.ok()) return st;
      }
      out.aggregate = name;
      if (call.agg_star()) {
        out.measures.push_back(AddMeasure(MeasureKind::kCountStar, nullptr));
      } else if (name == "avg") {
        out.measures.push_back(AddMeasure(MeasureKind::kSum, &arg));
        out.measures.push_back(AddMeasure(MeasureKind::kCount, &arg));
      } else {
        const MeasureKind kind = name == "count" ? MeasureKind::kCount
                                 : name == "sum" ? MeasureKind::kSum
                                 : name == "min" ? MeasureKind::kMin
                                                 : MeasureKind::kMax;
        out.measures.push_back(AddMeasure(kind, &arg));
      }
      for (size_t m : out.measures) {
        const std::string& type = shape_.measures[m].arg_type;
        if ((name == "sum" || name == "avg") && (type == "real" || type == "double precision")) {
          return Status::InvalidInput(name + "() of a floating-point column: partial sums add up in another "
                                         "order and may differ in the last digits");
        }
      }
      shape_.outputs.push_back(std::move(out));
    }
    return Status::Ok();
  }

  Status AddBucket() {
    if (!shape_.time_column) return Status::Ok();
    auto bucket = ParseExpr("date_trunc('day', " + ExprSql(*shape_.time_column) + ")");
    if (!bucket.ok()) return bucket.status();
    size_t index = 0;
    const size_t query_keys = shape_.keys.size();
    if (Status st = AddKey(*bucket, &index); !st.ok()) return st;
    shape_.bucket_key = index;
    shape_.bucket_is_query_key = index < query_keys;
    return Status::Ok();
  }

  // Outer ORDER BY: positions and output names stay; an expression must be one of the outputs.
  Status ReadOrderBy() {
    for (const auto& node : shape_.select->sort_clause()) {
      pg_query::SortBy sort = node.sort_by();
      const pg_query::Node& item = sort.node();
      bool kept = sql::IntegerValue(item).has_value();
      if (!kept && item.has_column_ref() && item.column_ref().fields_size() == 1) {
        for (const auto& out : shape_.outputs) kept = kept || out.name == ColumnName(item.column_ref());
      }
      if (!kept) {
        pg_query::Node qualified = item;
        if (Status st = QualifyColumns(&qualified); !st.ok()) return st;
        const std::string canonical = Canonical(qualified);
        for (size_t i = 0; i < shape_.outputs.size() && !kept; ++i) {
          const auto& target = shape_.select->target_list(static_cast<int>(i)).res_target().val();
          pg_query::Node target_qualified = target;
          if (!QualifyColumns(&target_qualified).ok() || Canonical(target_qualified) != canonical) continue;
          *sort.mutable_node() = rewrite::MakeIntegerConstant(static_cast<int>(i) + 1);
          kept = true;
        }
      }
      if (!kept) return Status::InvalidInput("ORDER BY an expression that is not in the SELECT list");
      pg_query::Node wrapped;
      *wrapped.mutable_sort_by() = sort;
      pg_query::Node statement;
      auto* select = statement.mutable_select_stmt();
      rewrite::SetTargetToOne(select);
      *select->add_sort_clause() = wrapped;
      auto text = sql::Deparse(statement);
      if (!text.ok()) return text.status();
      const std::string prefix = "SELECT 1 ORDER BY ";
      if (!text->starts_with(prefix)) return Status::Internal("unexpected deparse of ORDER BY: " + *text);
      shape_.order_by.push_back(text->substr(prefix.size()));
    }
    return Status::Ok();
  }

  // Summary column names: the column's own name for plain columns, "day" for the bucket, key_N otherwise.
  void NameKeys() {
    std::set<std::string> used;
    for (const auto& m : shape_.measures) used.insert(m.name);
    for (size_t i = 0; i < shape_.keys.size(); ++i) {
      auto& key = shape_.keys[i];
      std::string name = shape_.bucket_key == i        ? "day"
                         : key.expr.has_column_ref()   ? ColumnName(key.expr.column_ref())
                                                       : fmt::format("key_{}", i + 1);
      std::string unique = name;
      for (int n = 2; used.count(unique) != 0; ++n) unique = fmt::format("{}_{}", name, n);
      used.insert(unique);
      key.name = unique;
    }
  }

  const model::Catalog& catalog_;
  AggregateShape shape_;
  std::vector<std::pair<std::string, std::string>> edges_;  // child alias → parent alias
};

std::string AfterPrefix(const Result<std::string>& text, std::string_view prefix) {
  if (!text.ok() || !text->starts_with(prefix)) return "";
  return text->substr(prefix.size());
}

}  // namespace

Result<AggregateShape> ReadAggregateShape(const model::Catalog& catalog, const pg_query::SelectStmt& select) {
  return ShapeReader(catalog, select).Read();
}

std::string ExprSql(const pg_query::Node& expr) { return sql::DeparseExpr(expr); }

std::string FromSql(const pg_query::SelectStmt& select) {
  pg_query::Node statement;
  auto* copy = statement.mutable_select_stmt();
  rewrite::SetTargetToOne(copy);
  *copy->mutable_from_clause() = select.from_clause();
  return AfterPrefix(sql::Deparse(statement), "SELECT 1 FROM ");
}

std::string LimitSql(const pg_query::SelectStmt& select) {
  if (!select.has_limit_count() && !select.has_limit_offset()) return "";
  pg_query::Node statement;
  auto* copy = statement.mutable_select_stmt();
  rewrite::SetTargetToOne(copy);
  if (select.has_limit_count()) *copy->mutable_limit_count() = select.limit_count();
  if (select.has_limit_offset()) *copy->mutable_limit_offset() = select.limit_offset();
  copy->set_limit_option(select.limit_option());
  return " " + AfterPrefix(sql::Deparse(statement), "SELECT 1 ");
}

Result<pg_query::Node> ParseExpr(const std::string& sql) {
  auto parsed = sql::ParseOne("SELECT " + sql);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->has_select_stmt() || parsed->select_stmt().target_list_size() != 1) {
    return Status::Internal("not one expression: " + sql);
  }
  return parsed->select_stmt().target_list(0).res_target().val();
}

}  // namespace dbarch::analyzers::denormalize
