#include "analyzers/index_usage.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "analyzers/expression_text.h"
#include "analyzers/predicate_use.h"
#include "analyzers/schema/catalog_facts.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers {

namespace {

using model::Predicate;

// ---- Partial index predicates ---------------------------------------------------------------------------

struct Condition {
  std::string column;
  std::string op;        // "=", "<", "IS NULL", …
  std::string constant;  // SQL text of the constant; empty for IS [NOT] NULL
};

bool CollectConditions(const pg_query::Node& node, std::vector<Condition>* out) {
  if (node.has_bool_expr() && node.bool_expr().boolop() == pg_query::AND_EXPR) {
    for (const auto& arg : node.bool_expr().args()) {
      if (!CollectConditions(arg, out)) return false;
    }
    return true;
  }
  if (node.has_null_test() && node.null_test().arg().has_column_ref()) {
    out->push_back({sql::ColumnRefName(node.null_test().arg().column_ref()),
                    node.null_test().nulltesttype() == pg_query::IS_NULL ? "IS NULL" : "IS NOT NULL", ""});
    return true;
  }
  if (node.has_a_expr() && node.a_expr().kind() == pg_query::AEXPR_OP && node.a_expr().name_size() == 1 &&
      node.a_expr().lexpr().has_column_ref()) {
    const pg_query::Node* value = &node.a_expr().rexpr();
    if (value->has_type_cast()) value = &value->type_cast().arg();
    std::string constant = sql::ConstantSql(*value);
    if (constant.empty()) return false;
    out->push_back({sql::ColumnRefName(node.a_expr().lexpr().column_ref()), sql::StringValue(node.a_expr().name(0)),
                    constant});
    return true;
  }
  // A bare boolean column: WHERE active.
  if (node.has_column_ref()) {
    out->push_back({sql::ColumnRefName(node.column_ref()), "=", "true"});
    return true;
  }
  return false;
}

// The conditions of a partial index's WHERE, when it is a conjunction of simple comparisons.
std::optional<std::vector<Condition>> PartialConditions(const std::string& predicate) {
  auto parsed = sql::ParseOne("SELECT 1 WHERE " + predicate);
  if (!parsed.ok() || !parsed->has_select_stmt()) return std::nullopt;
  std::vector<Condition> out;
  if (!CollectConditions(parsed->select_stmt().where_clause(), &out)) return std::nullopt;
  return out;
}

bool IsFilter(const Predicate& p) { return !p.negated && !p.in_or && p.clause != "HAVING"; }

bool IsTrigram(const model::IndexKey& key) { return key.opclass.find("trgm") != std::string::npos; }

// Operators the non-B-tree methods support on any key (GIN/GiST/BRIN search every key column).
bool OtherMethodSupports(const model::Index& index, const model::IndexKey& key, const Predicate& p) {
  if (p.negated) return false;
  static const std::set<std::string> kTrigram = {"LIKE", "ILIKE", "~~", "~~*", "~", "~*", "%"};
  if ((index.method == "gin" || index.method == "gist") && IsTrigram(key)) return kTrigram.count(p.op) > 0;
  if (index.method == "gin") {
    static const std::set<std::string> kGin = {"@>", "<@", "?", "?|", "?&", "@@", "@?", "&&"};
    return kGin.count(p.op) > 0;
  }
  if (index.method == "gist" || index.method == "spgist") {
    // "=" on a GiST key means btree_gist (as exclusion constraints use it).
    static const std::set<std::string> kGist = {"&&", "@>", "<@", "<<", ">>", "&<", "&>", "-|-", "~=", "@@", "^@", "="};
    return kGist.count(p.op) > 0;
  }
  if (index.method == "brin") {
    static const std::set<std::string> kBrin = {"=", "<", "<=", ">", ">=", "BETWEEN", "&&", "@>", "<@"};
    return kBrin.count(p.op) > 0;
  }
  if (index.method == "hash") return p.op == "=";
  return false;
}

// ---- Matching one index against one query -----------------------------------------------------------------

struct Match {
  std::vector<std::string> how;
  std::set<std::size_t> predicates;  // indexes into Query::predicates the index serves
  std::set<std::pair<std::size_t, int>> join_sides;  // (join index, 0 = left / 1 = right)
};

class IndexMatcher {
 public:
  IndexMatcher(const model::Index& index, ExpressionNormalizer* normalizer) : index_(index), norm_(normalizer) {
    if (!index.predicate.empty()) partial_ = PartialConditions(index.predicate);
  }

  Match MatchQuery(const model::Query& query) {
    Match m;
    if (!index_.valid || index_.keys.empty()) return m;
    std::string partial_note;
    if (!index_.predicate.empty()) {
      if (!PartialImplied(query)) return m;
      partial_note = "partial predicate " + index_.predicate + " implied by the query";
    }
    if (index_.method == "btree") MatchBtree(query, &m);
    else MatchOther(query, &m);
    MatchJoins(query, &m);
    if (!partial_note.empty()) m.how.push_back(partial_note);
    return m;
  }

 private:
  bool KeyMatches(const model::IndexKey& key, const model::ColumnRef& column, const std::string& expression) {
    if (column.table != index_.table) return false;
    if (!key.column.empty()) return expression.empty() && column.column == key.column;
    return !expression.empty() && norm_->Normalize(expression) == norm_->Normalize(key.expression);
  }

  static std::string KeyName(const model::IndexKey& key) { return key.column.empty() ? key.expression : key.column; }

  void MatchBtree(const model::Query& query, Match* m) {
    std::size_t equality_prefix = 0;
    for (std::size_t k = 0; k < index_.keys.size(); ++k) {
      const auto& key = index_.keys[k];
      std::vector<std::size_t> eq, range;
      for (std::size_t i = 0; i < query.predicates.size(); ++i) {
        const auto& p = query.predicates[i];
        if (p.clause == "HAVING" || !KeyMatches(key, p.column, p.expression)) continue;
        BtreeUse use = ClassifyForBtree(p);
        if (use == BtreeUse::kEquality) eq.push_back(i);
        if (use == BtreeUse::kRange) range.push_back(i);
      }
      if (!eq.empty()) {
        for (auto i : eq) m->predicates.insert(i);
        m->how.push_back(Describe("equality", key, query, eq));
        equality_prefix = k + 1;
        continue;
      }
      if (!range.empty()) {
        for (auto i : range) m->predicates.insert(i);
        m->how.push_back(Describe("range", key, query, range));
      }
      break;
    }
    MatchOrderBy(query, equality_prefix, m);
  }

  std::string Describe(const std::string& kind, const model::IndexKey& key, const model::Query& query,
                       const std::vector<std::size_t>& preds) {
    std::set<std::string> ops;
    bool like = false;
    for (auto i : preds) {
      ops.insert(query.predicates[i].op);
      if (query.predicates[i].op == "LIKE" || query.predicates[i].op == "~~") like = true;
    }
    std::string op_list;
    for (const auto& op : ops) op_list += (op_list.empty() ? "" : ", ") + op;
    std::string out = fmt::format("{} on {} ({})", kind, KeyName(key), op_list);
    if (like && key.opclass.find("pattern_ops") == std::string::npos && key.collation != "C" &&
        key.collation != "POSIX")
      out += " [LIKE prefix needs text_pattern_ops or a C collation]";
    return out;
  }

  void MatchOrderBy(const model::Query& query, std::size_t equality_prefix, Match* m) {
    if (query.order_by.empty()) return;
    for (std::size_t start : {equality_prefix, std::size_t{0}}) {
      if (start + query.order_by.size() > index_.keys.size()) continue;
      bool forward = true, backward = true;
      for (std::size_t j = 0; j < query.order_by.size(); ++j) {
        const auto& item = query.order_by[j];
        const auto& key = index_.keys[start + j];
        if (!KeyMatches(key, item.column, item.expression)) {
          forward = backward = false;
          break;
        }
        bool key_nulls_first = key.nulls_first.value_or(key.descending);
        bool item_nulls_first = item.nulls_first.value_or(item.descending);
        if (item.descending != key.descending || item_nulls_first != key_nulls_first) forward = false;
        if (item.descending == key.descending || item_nulls_first == key_nulls_first) backward = false;
      }
      if (!forward && !backward) continue;
      std::string items;
      for (const auto& item : query.order_by) {
        items += (items.empty() ? "" : ", ") + (item.expression.empty() ? item.column.column : item.expression);
        if (item.descending) items += " desc";
      }
      m->how.push_back(fmt::format("order by {}{}", items, forward ? "" : " (backward scan)"));
      return;
    }
  }

  void MatchOther(const model::Query& query, Match* m) {
    // Hash and SP-GiST indexes have one key; GIN, GiST and BRIN can search on any key.
    std::size_t searchable = (index_.method == "hash" || index_.method == "spgist") ? 1 : index_.keys.size();
    for (std::size_t k = 0; k < searchable; ++k) {
      const auto& key = index_.keys[k];
      std::vector<std::size_t> hits;
      for (std::size_t i = 0; i < query.predicates.size(); ++i) {
        const auto& p = query.predicates[i];
        if (p.clause == "HAVING" || !KeyMatches(key, p.column, p.expression)) continue;
        if (OtherMethodSupports(index_, key, p)) hits.push_back(i);
      }
      if (hits.empty()) continue;
      for (auto i : hits) m->predicates.insert(i);
      m->how.push_back(Describe(index_.method, key, query, hits));
    }
  }

  void MatchJoins(const model::Query& query, Match* m) {
    if (index_.method != "btree" && index_.method != "hash") return;
    const auto& key = index_.keys[0];
    for (std::size_t j = 0; j < query.joins.size(); ++j) {
      const auto& join = query.joins[j];
      if (join.op != "=") continue;
      for (int side = 0; side < 2; ++side) {
        const auto& column = side == 0 ? join.left : join.right;
        const auto& other = side == 0 ? join.right : join.left;
        if (!KeyMatches(key, column, "")) continue;
        m->join_sides.insert({j, side});
        m->how.push_back(fmt::format("join on {} = {} (inner side of a nested loop)", column.column,
                                     other.ToString()));
      }
    }
  }

  // The planner uses a partial index only when the query's WHERE implies the index predicate; for the
  // simple cases: the same column, operator and constant, or IS NOT NULL implied by a strict comparison.
  bool PartialImplied(const model::Query& query) {
    if (!partial_) return false;
    for (const auto& cond : *partial_) {
      bool implied = false;
      for (const auto& p : query.predicates) {
        if (!IsFilter(p) || p.column.table != index_.table || p.column.column != cond.column || !p.expression.empty())
          continue;
        if (cond.op == "IS NULL" || cond.op == "IS NOT NULL") {
          if (p.op == cond.op) implied = true;
          // Any strict comparison with a value implies IS NOT NULL.
          if (cond.op == "IS NOT NULL" && ClassifyForBtree(p) != BtreeUse::kNone && p.op != "IS NULL" &&
              p.operand != Predicate::Operand::kNone)
            implied = true;
        } else if (p.op == cond.op && p.operand == Predicate::Operand::kConstant &&
                   BareConstant(p.constant) == cond.constant) {
          implied = true;
        }
      }
      if (!implied) return false;
    }
    return true;
  }

  const model::Index& index_;
  ExpressionNormalizer* norm_;
  std::optional<std::vector<Condition>> partial_;
};

bool TouchesTable(const model::Query& query, const model::QualifiedName& table) {
  return std::find(query.tables.begin(), query.tables.end(), table) != query.tables.end();
}

}  // namespace

IndexUsageReport AnalyzeIndexUsage(const model::Catalog& catalog, const model::Workload& workload) {
  IndexUsageReport report;
  ExpressionNormalizer normalizer;
  std::vector<std::set<std::size_t>> served(workload.queries.size());
  std::vector<std::set<std::pair<std::size_t, int>>> served_joins(workload.queries.size());

  // Every index PostgreSQL has, including the ones behind constraints the DDL did not name. A
  // partition's inherited indexes are reported once, under the parent's index.
  std::vector<model::Index> indexes;
  for (const auto& [name, table] : catalog.tables) {
    for (auto& index : schema::OwnIndexes(catalog, table)) indexes.push_back(std::move(index));
  }
  for (const auto& index : indexes) {
    IndexUsage usage;
    usage.index = index.name;
    IndexMatcher matcher(index, &normalizer);
    for (std::size_t q = 0; q < workload.queries.size(); ++q) {
      const auto& query = workload.queries[q];
      if (!TouchesTable(query, index.table)) continue;
      Match m = matcher.MatchQuery(query);
      if (m.how.empty()) continue;
      // A partial predicate alone still lets the planner scan the (small) index; say so plainly.
      std::string how;
      for (const auto& h : m.how) how += (how.empty() ? "" : ", ") + h;
      usage.uses.push_back({query.fingerprint, how});
      served[q].insert(m.predicates.begin(), m.predicates.end());
      served_joins[q].insert(m.join_sides.begin(), m.join_sides.end());
    }
    report.indexes.push_back(std::move(usage));
  }

  // What no index serves, weighted by how often the query runs.
  std::set<std::tuple<std::string, model::ColumnRef, std::string, std::string, std::string>> reported;
  auto add = [&](const model::Query& query, const model::ColumnRef& column, const std::string& op,
                 const std::string& expression, const std::string& clause) {
    if (column.table.name.empty() || !catalog.FindTable(column.table)) return;  // views, unresolved
    if (!reported.insert({query.fingerprint, column, op, expression, clause}).second) return;
    report.unsupported.push_back({query.fingerprint, column, op, query.calls, expression, clause});
  };
  for (std::size_t q = 0; q < workload.queries.size(); ++q) {
    const auto& query = workload.queries[q];
    for (std::size_t i = 0; i < query.predicates.size(); ++i) {
      const auto& p = query.predicates[i];
      if (p.clause == "HAVING" || served[q].count(i)) continue;
      add(query, p.column, p.op, p.expression, p.clause == "JOIN" ? "JOIN" : "WHERE");
    }
    for (std::size_t j = 0; j < query.joins.size(); ++j) {
      const auto& join = query.joins[j];
      if (join.op != "=") continue;
      if (!served_joins[q].count({j, 0})) add(query, join.left, join.op, "", "JOIN");
      if (!served_joins[q].count({j, 1})) add(query, join.right, join.op, "", "JOIN");
    }
  }
  std::stable_sort(report.unsupported.begin(), report.unsupported.end(),
                   [](const UnsupportedPredicate& a, const UnsupportedPredicate& b) { return a.calls > b.calls; });
  return report;
}

}  // namespace dbarch::analyzers
