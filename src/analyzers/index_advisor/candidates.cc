#include "analyzers/index_advisor/candidates.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyzers/expression_text.h"
#include "analyzers/predicate_use.h"
#include "analyzers/schema/catalog_facts.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers {

namespace {

using model::Predicate;

// Orders index keys in sets (the model only defines equality).
struct KeyLess {
  bool operator()(const model::IndexKey& a, const model::IndexKey& b) const {
    return std::tie(a.column, a.expression, a.opclass, a.collation, a.descending) <
           std::tie(b.column, b.expression, b.opclass, b.collation, b.descending);
  }
};
struct GinLess {
  using Entry = std::tuple<model::QualifiedName, model::IndexKey, std::string>;
  bool operator()(const Entry& a, const Entry& b) const {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    if (KeyLess()(std::get<1>(a), std::get<1>(b))) return true;
    if (KeyLess()(std::get<1>(b), std::get<1>(a))) return false;
    return std::get<2>(a) < std::get<2>(b);
  }
};

bool IsJsonb(const model::Column* column) { return column && column->type.name == "jsonb"; }
bool IsArray(const model::Column* column) { return column && column->type.array_dims > 0; }
bool IsTextual(const model::Column* column) {
  if (!column || column->type.array_dims > 0) return false;
  const std::string& t = column->type.name;
  return t == "text" || t == "character varying" || t == "character" || t == "citext";
}
bool IsRangeOrGeometry(const model::Column* column) {
  if (!column || column->type.array_dims > 0) return false;
  static const std::set<std::string> kTypes = {"int4range", "int8range", "numrange", "tsrange", "tstzrange",
                                               "daterange", "int4multirange", "int8multirange", "nummultirange",
                                               "tsmultirange", "tstzmultirange", "datemultirange", "point", "box",
                                               "polygon", "circle", "inet", "cidr", "geometry", "geography"};
  return kTypes.count(column->type.name) > 0;
}

bool IsGinOperator(const std::string& op) {
  static const std::set<std::string> kOps = {"@>", "<@", "?", "?|", "?&", "&&", "@@", "@?"};
  return kOps.count(op) > 0;
}
bool IsGistOperator(const std::string& op) {
  static const std::set<std::string> kOps = {"&&", "@>", "<@", "<<", ">>", "&<", "&>", "-|-", "~=", "<->"};
  return kOps.count(op) > 0;
}

// One column (or expression) a statement searches on, with what it needs from an index.
struct SearchKey {
  model::IndexKey key;
  std::string display;  // "customer_id", "lower(email)"
  bool operator<(const SearchKey& other) const { return display < other.display; }
};

// What one statement does with one table.
struct TableUse {
  model::QualifiedName table;
  const model::Table* definition = nullptr;
  std::vector<SearchKey> equality;      // =, IN, IS NULL (and equality joins)
  std::vector<SearchKey> range;         // <, >, BETWEEN, LIKE 'x%'
  std::vector<SearchKey> join;          // columns joined with another table by equality
  // The join columns grouped by the table on the other side: (l_partkey, l_suppkey) both join partsupp.
  std::map<std::string, std::vector<SearchKey>> join_by_other_table;
  std::vector<std::string> partial;     // constant conditions that can become an index predicate
  std::vector<model::IndexKey> order;   // ORDER BY on this table only
  std::vector<model::IndexKey> group;   // GROUP BY columns on this table
  std::set<std::string> read_columns;   // every column read (for INCLUDE)
  bool reads_all_columns = false;       // SELECT *
  bool has_limit = false;
};

class CandidateBuilder {
 public:
  CandidateBuilder(const model::Catalog& catalog, const model::Statistics& statistics, const CandidateOptions& options)
      : catalog_(catalog), statistics_(statistics), options_(options) {}

  void FromQuery(const model::Query& query, size_t statement) {
    if (query.kind == model::StatementKind::kInsert || query.kind == model::StatementKind::kOther) return;
    std::set<model::QualifiedName> seen;
    for (const auto& table : query.tables) {
      if (!seen.insert(table).second) continue;
      const model::Table* definition = catalog_.FindTable(table);
      if (!definition || definition->kind == model::TableKind::kForeign) continue;
      TableUse use = Collect(query, table, definition);
      Shapes(use, query, statement);
    }
  }

  // The index a foreign key's check needs on the referencing table.
  void ForeignKey(const model::QualifiedName& table, const std::vector<std::string>& columns,
                  const model::QualifiedName& referenced, size_t statement) {
    model::Index index = NewIndex(table);
    for (const auto& c : columns) index.keys.push_back(PlainKey(c));
    Add(std::move(index), "foreign-key", statement,
        {fmt::format("every DELETE on {} (and every change of its key) makes PostgreSQL look up the referencing "
                     "rows by ({}); without an index that is a sequential scan of {} per deleted row",
                     referenced.ToString(), ColumnListSql(columns), table.ToString())},
        {});
  }

  std::vector<IndexCandidate> Take() { return std::move(candidates_); }

 private:
  model::Index NewIndex(const model::QualifiedName& table) {
    model::Index index;
    index.table = table;
    index.name.schema = table.schema;
    return index;
  }
  static model::IndexKey PlainKey(const std::string& column) {
    model::IndexKey key;
    key.column = column;
    return key;
  }

  const model::ColumnStatistics* Stats(const model::QualifiedName& table, const std::string& column) const {
    const model::TableStatistics* t = statistics_.FindTable(table);
    return t ? t->FindColumn(column) : nullptr;
  }
  double Rows(const model::QualifiedName& table) const { return statistics_.RowCount(table).value_or(-1); }

  // Distinct values of a key column (larger = more selective); 0 when unknown.
  double Distinct(const model::QualifiedName& table, const SearchKey& key) const {
    if (key.key.column.empty()) return 0;
    const auto* s = Stats(table, key.key.column);
    if (!s) return 0;
    double rows = Rows(table);
    return s->DistinctValues(rows > 0 ? rows : 1000);
  }

  SearchKey KeyFor(const Predicate& p) {
    SearchKey k;
    if (p.expression.empty()) {
      k.key.column = p.column.column;
      k.display = p.column.column;
    } else {
      k.key.expression = normalizer_.Normalize(p.expression);
      k.display = k.key.expression;
    }
    return k;
  }

  static void AddUnique(std::vector<SearchKey>* keys, const SearchKey& key) {
    for (const auto& k : *keys)
      if (k.display == key.display) return;
    keys->push_back(key);
  }

  // A constant condition worth making an index predicate: IS [NOT] NULL, or = a constant on a column with few
  // distinct values (a status, a flag) — the rows the query wants are a stable subset.
  std::optional<std::string> PartialCondition(const model::QualifiedName& table, const model::Table& definition,
                                              const Predicate& p) {
    if (!p.expression.empty() || p.negated || p.in_or || p.clause != "WHERE") return std::nullopt;
    const std::string column = model::QuoteIdent(p.column.column);
    if (p.op == "IS NULL" || p.op == "IS NOT NULL") return column + " " + p.op;
    if (p.op != "=" || p.operand != Predicate::Operand::kConstant) return std::nullopt;
    const model::Column* c = definition.FindColumn(p.column.column);
    bool low_cardinality = c && (c->type.name == "boolean" || c->type.is_user_type);
    if (const auto* s = Stats(table, p.column.column)) {
      double rows = Rows(table);
      double distinct = s->DistinctValues(rows > 0 ? rows : 1000);
      if (distinct > 0 && distinct <= 32) low_cardinality = true;
    } else if (c && (c->name == "status" || c->name == "state" || c->name.rfind("is_", 0) == 0)) {
      low_cardinality = true;
    }
    if (!low_cardinality) return std::nullopt;
    return column + " = " + BareConstant(p.constant);
  }

  TableUse Collect(const model::Query& query, const model::QualifiedName& table, const model::Table* definition) {
    TableUse use;
    use.table = table;
    use.definition = definition;
    use.has_limit = query.limit.has_value() || query.has_parameter_limit;
    use.reads_all_columns = query.select_star;
    for (const auto& p : query.predicates) {
      if (p.column.table != table || p.clause == "HAVING") continue;
      use.read_columns.insert(p.column.column);
      if (p.in_or || p.negated) continue;
      const model::Column* column = definition->FindColumn(p.column.column);
      if (auto partial = PartialCondition(table, *definition, p)) use.partial.push_back(*partial);
      if (p.operand == Predicate::Operand::kColumn && p.clause == "JOIN") continue;  // handled with joins
      if (p.expression.empty() && (IsGinOperator(p.op) && (IsJsonb(column) || IsArray(column) || p.op == "@@"))) {
        GinKeys(use, p, column);
        continue;
      }
      if (p.expression.empty() && IsGistOperator(p.op) && IsRangeOrGeometry(column)) {
        gist_.insert({table, p.column.column});
        continue;
      }
      if (!p.expression.empty() && p.op == "@@") {
        gin_.insert({table, model::IndexKey{.expression = normalizer_.Normalize(p.expression)}, "full-text"});
        continue;
      }
      if (NeedsTrigram(p) && (IsTextual(column) || !p.expression.empty())) {
        if (options_.trigram_available) {
          model::IndexKey key = KeyFor(p).key;
          key.opclass = "gin_trgm_ops";
          gin_.insert({table, key, "trigram"});
        }
        continue;
      }
      BtreeUse btree = ClassifyForBtree(p);
      if (btree == BtreeUse::kEquality) {
        AddUnique(&use.equality, KeyFor(p));
      } else if (btree == BtreeUse::kRange) {
        SearchKey key = KeyFor(p);
        if ((p.op == "LIKE" || p.op == "~~") && IsTextual(column) && key.key.collation.empty()) {
          key.key.opclass = "text_pattern_ops";
          key.display += " text_pattern_ops";
        }
        AddUnique(&use.range, key);
        if (p.expression.empty()) range_columns_.insert({table, p.column.column});
      }
    }
    for (const auto& join : query.joins) {
      if (join.op != "=") continue;
      for (const auto* side : {&join.left, &join.right}) {
        if (side->table != table) continue;
        use.read_columns.insert(side->column);
        AddUnique(&use.join, SearchKey{PlainKey(side->column), side->column});
        const auto* other = side == &join.left ? &join.right : &join.left;
        if (other->table != table) {
          AddUnique(&use.join_by_other_table[other->table.ToString()], SearchKey{PlainKey(side->column), side->column});
        }
      }
    }
    bool order_on_table = !query.order_by.empty();
    for (const auto& item : query.order_by) {
      if (item.column.table != table) {
        order_on_table = false;
        break;
      }
      model::IndexKey key;
      if (item.expression.empty()) key.column = item.column.column;
      else key.expression = normalizer_.Normalize(item.expression);
      key.descending = item.descending;
      if (item.nulls_first && *item.nulls_first != item.descending) key.nulls_first = item.nulls_first;
      use.order.push_back(key);
      use.read_columns.insert(item.column.column);
    }
    if (!order_on_table) use.order.clear();
    bool group_on_table = !query.group_by.empty();
    for (const auto& column : query.group_by) {
      if (column.table != table) {
        group_on_table = false;
        break;
      }
      use.group.push_back(PlainKey(column.column));
      use.read_columns.insert(column.column);
    }
    if (!group_on_table) use.group.clear();
    for (const auto& column : query.select_columns) {
      if (column.table == table) use.read_columns.insert(column.column);
    }
    for (const auto& column : query.set_columns) {
      if (column.table == table) use.read_columns.insert(column.column);
    }
    // Equality columns with more distinct values first: the index narrows fastest and is shared by more
    // statements that filter on the selective column alone.
    auto more_distinct_first = [&](const SearchKey& a, const SearchKey& b) {
      return Distinct(table, a) > Distinct(table, b);
    };
    std::stable_sort(use.equality.begin(), use.equality.end(), more_distinct_first);
    for (auto& [other, keys] : use.join_by_other_table) std::stable_sort(keys.begin(), keys.end(), more_distinct_first);
    return use;
  }

  void GinKeys(TableUse& use, const Predicate& p, const model::Column* column) {
    model::IndexKey key = PlainKey(p.column.column);
    std::string kind = IsJsonb(column) ? "jsonb" : (IsArray(column) ? "array" : "full-text");
    gin_.insert({use.table, key, kind});
    if (IsJsonb(column) && p.op != "@>") jsonb_needs_ops_.insert({use.table, p.column.column});
  }

  static std::string Names(const std::vector<SearchKey>& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k.display;
    return out;
  }
  static std::string KeyText(const model::IndexKey& key) {
    std::string out = key.column.empty() ? key.expression : key.column;
    if (key.descending) out += " DESC";
    return out;
  }

  void Shapes(const TableUse& use, const model::Query& query, size_t statement) {
    const auto& table = use.table;
    std::vector<SearchKey> equality_and_join = use.equality;
    for (const auto& j : use.join) AddUnique(&equality_and_join, j);

    // Single keys (what Dexter starts from): each searched column on its own.
    for (const auto* list : {&use.equality, &use.range, &use.join}) {
      for (const auto& key : *list) {
        model::Index index = NewIndex(table);
        index.keys.push_back(key.key);
        std::string why = list == &use.join
                              ? fmt::format("{} is joined by equality: as the inner side of a nested loop the index "
                                            "finds the matching rows per outer row",
                                            key.display)
                              : fmt::format("the statement filters on {}", key.display);
        if (!key.key.expression.empty())
          why += fmt::format("; an expression key because the statement compares {}, which an index on the bare "
                             "column cannot serve",
                             key.key.expression);
        if (key.key.opclass == "text_pattern_ops")
          why += "; text_pattern_ops so LIKE 'prefix%' can use it under a non-C collation";
        Add(std::move(index), key.key.expression.empty() ? "single" : "expression", statement, {why}, {});
      }
    }

    const std::string eq_reason =
        use.equality.size() > 1
            ? fmt::format("equality columns first ({}), the one with more distinct values leading", Names(use.equality))
            : (use.equality.empty() ? "" : fmt::format("equality column {} first", Names(use.equality)));

    // Composite: all equality columns; then each range column after them.
    if (use.equality.size() > 1) AddKeys(table, use.equality, {}, "composite", statement, {eq_reason});
    for (const auto& range : use.range) {
      if (use.equality.empty()) break;
      std::vector<SearchKey> keys = use.equality;
      keys.push_back(range);
      AddKeys(table, keys, {}, "composite", statement,
              {eq_reason, fmt::format("then the range column {}: a B-tree can use equality prefixes followed by "
                                      "one range, not the other way round",
                                      range.display)});
    }
    // Join column with the table's equality filters: a nested loop probes with all of them.
    for (const auto& join : use.join) {
      if (use.equality.empty()) break;
      std::vector<SearchKey> keys = use.equality;
      AddUnique(&keys, join);
      AddKeys(table, keys, {}, "composite", statement,
              {eq_reason, fmt::format("with the join column {}, so a nested loop probes on all of them", join.display)});
    }

    // A nested loop, or a correlated subquery run per outer row, probes by the join column as by an equality, so
    // a range on the table goes after it (TPC-H Q17: l_partkey, then l_quantity < 0.2 × that part's average).
    for (const auto& join : use.join) {
      for (const auto& range : use.range) {
        if (range.key.column == join.key.column) continue;
        std::vector<SearchKey> keys = use.equality;
        AddUnique(&keys, join);
        keys.push_back(range);
        AddKeys(table, keys, {}, "composite", statement,
                {fmt::format("the join column {} first, probed by a nested loop or a correlated subquery",
                             join.display),
                 fmt::format("then the range column {}, checked inside each probe", range.display)});
      }
    }

    // A multi-column join (l_partkey = ps_partkey AND l_suppkey = ps_suppkey): one index on all the columns
    // that join the same table lets a nested loop or merge join match on the whole key.
    for (const auto& [other, keys] : use.join_by_other_table) {
      if (keys.size() < 2) continue;
      AddKeys(table, keys, {}, "composite", statement,
              {fmt::format("{} join {} together: the index matches on the whole join key, the column with more "
                           "distinct values leading",
                           Names(keys), other)});
      // Any column may lead a whole-key match; leading with another one lets statements that join or filter on
      // that column alone share the index (TPC-H: l_suppkey, l_partkey serves Q20 and the l_suppkey joins).
      for (size_t lead = 1; lead < keys.size() && lead < 3; ++lead) {
        std::vector<SearchKey> rotated{keys[lead]};
        for (size_t k = 0; k < keys.size(); ++k) {
          if (k != lead) rotated.push_back(keys[k]);
        }
        AddKeys(table, rotated, {}, "composite", statement,
                {fmt::format("{} join {} together: the index matches on the whole join key", Names(rotated), other),
                 fmt::format("{} leading, so statements that search on {} alone can share the index",
                             keys[lead].display, keys[lead].display)});
      }
    }

    // ORDER BY after the equality columns: rows come out in order and LIMIT stops early.
    std::vector<SearchKey> order_keys;
    std::vector<std::string> order_why;
    if (!use.order.empty()) {
      std::vector<SearchKey> keys = use.equality;
      std::string order_text;
      for (const auto& k : use.order) {
        order_text += (order_text.empty() ? "" : ", ") + KeyText(k);
        SearchKey sk{k, KeyText(k)};
        bool in_equality = std::any_of(use.equality.begin(), use.equality.end(), [&](const SearchKey& e) {
          return e.key.column == k.column && e.key.expression == k.expression;
        });
        if (!in_equality) keys.push_back(sk);
      }
      std::vector<std::string> why;
      if (!eq_reason.empty()) why.push_back(eq_reason);
      why.push_back(fmt::format("then ORDER BY {} in the same directions, so the index returns rows already "
                                "sorted{}",
                                order_text, use.has_limit ? " and LIMIT stops after the first rows" : ""));
      AddKeys(table, keys, {}, "order", statement, why);
      order_keys = keys;
      order_why = why;
    }
    // GROUP BY after the equality columns: groups come out adjacent (a GroupAggregate without a sort).
    if (!use.group.empty() && query.kind == model::StatementKind::kSelect) {
      std::vector<SearchKey> keys = use.equality;
      for (const auto& k : use.group) AddUnique(&keys, SearchKey{k, k.column});
      std::vector<std::string> why;
      if (!eq_reason.empty()) why.push_back(eq_reason);
      why.push_back("then the GROUP BY columns, so groups are read in order without a sort or hash");
      AddKeys(table, keys, {}, "group", statement, why);
    }

    // Covering: the widest B-tree shape plus every other column the statement reads, for an index-only scan.
    if (query.kind == model::StatementKind::kSelect && !use.reads_all_columns &&
        use.read_columns.size() <= options_.max_covering_columns) {
      std::vector<SearchKey> keys = !order_keys.empty() ? order_keys : use.equality;
      std::vector<std::string> key_why = !order_keys.empty() ? order_why : std::vector<std::string>{eq_reason};
      if (order_keys.empty() && !use.range.empty()) {
        keys.push_back(use.range.front());
        key_why.push_back(fmt::format("then the range column {}", use.range.front().display));
      }
      if (keys.empty() && !use.join.empty()) {
        keys.push_back(use.join.front());
        key_why.push_back(fmt::format("the join column {}, probed by a nested loop", use.join.front().display));
      }
      std::vector<std::string> include;
      bool plain_keys = std::all_of(keys.begin(), keys.end(), [](const SearchKey& k) {
        return !k.key.column.empty() && k.key.opclass.empty();
      });
      for (const auto& column : use.read_columns) {
        bool in_keys = std::any_of(keys.begin(), keys.end(), [&](const SearchKey& k) { return k.key.column == column; });
        if (!in_keys && use.definition->FindColumn(column)) include.push_back(column);
      }
      if (!keys.empty() && plain_keys && !include.empty()) {
        std::string include_list = ColumnListSql(include);
        key_why.push_back(fmt::format("INCLUDE ({}): with them every column the statement reads from {} is in the "
                                      "index, so an index-only scan never visits the table (after VACUUM has set the "
                                      "visibility map)",
                                      include_list, table.name));
        AddKeys(table, keys, include, "covering", statement, key_why);
      }
    }

    // Partial: the constant conditions become the index predicate; the rest of the shape stays.
    if (!use.partial.empty()) {
      std::set<std::string> partial_columns;
      std::string predicate;
      for (const auto& condition : use.partial) predicate += (predicate.empty() ? "" : " AND ") + condition;
      for (const auto& p : query.predicates) {
        if (p.column.table == table && PartialCondition(table, *use.definition, p)) partial_columns.insert(p.column.column);
      }
      std::vector<SearchKey> keys;
      for (const auto& k : use.equality)
        if (!partial_columns.count(k.key.column)) keys.push_back(k);
      std::vector<SearchKey> tail;
      if (!use.order.empty()) {
        for (const auto& k : use.order)
          if (!partial_columns.count(k.column)) tail.push_back(SearchKey{k, KeyText(k)});
      } else if (!use.range.empty()) {
        tail.push_back(use.range.front());
      }
      for (const auto& k : tail) AddUnique(&keys, k);
      if (keys.empty() && !use.join.empty()) keys.push_back(use.join.front());
      if (!keys.empty()) {
        model::Index index = NewIndex(table);
        for (const auto& k : keys) index.keys.push_back(k.key);
        index.predicate = predicate;
        const std::string why = fmt::format("partial: WHERE {} — the statement always asks for these rows, so the "
                                            "index holds only them and stays small",
                                            predicate);
        // The same partial index covering the statement's other columns, for an index-only scan.
        std::vector<std::string> include;
        if (query.kind == model::StatementKind::kSelect && !use.reads_all_columns &&
            use.read_columns.size() <= options_.max_covering_columns) {
          for (const auto& column : use.read_columns) {
            bool in_keys = std::any_of(keys.begin(), keys.end(), [&](const SearchKey& k) { return k.key.column == column; });
            if (!in_keys && !partial_columns.count(column) && use.definition->FindColumn(column)) include.push_back(column);
          }
        }
        if (!include.empty()) {
          model::Index covering = index;
          covering.include_columns = include;
          Add(std::move(covering), "partial", statement,
              {why, fmt::format("INCLUDE ({}): the other columns the statement reads, for an index-only scan",
                                ColumnListSql(include))},
              {});
        }
        Add(std::move(index), "partial", statement, {why}, {});
      }
    }

    // Hash: long keys compared only by equality (a hash index stores 4-byte hashes, not the values).
    for (const auto& key : use.equality) {
      if (key.key.column.empty() || range_columns_.count({table, key.key.column})) continue;
      const auto* s = Stats(table, key.key.column);
      if (!s || s->avg_width < options_.hash_min_width) continue;
      model::Index index = NewIndex(table);
      index.method = "hash";
      index.keys.push_back(key.key);
      Add(std::move(index), "hash", statement,
          {fmt::format("hash: {} is only compared with = and is {:.0f} bytes wide on average; a hash index stores "
                       "4-byte hashes, so it is much smaller than a B-tree on it",
                       key.display, s->avg_width)},
          {});
    }

    // BRIN: range filters on a large table whose column follows the physical row order.
    for (const auto& key : use.range) {
      if (key.key.column.empty()) continue;
      const auto* s = Stats(table, key.key.column);
      if (!s || !s->correlation || std::abs(*s->correlation) < options_.brin_min_correlation ||
          Rows(table) < options_.brin_min_rows)
        continue;
      model::Index index = NewIndex(table);
      index.method = "brin";
      index.keys.push_back(PlainKey(key.key.column));
      Add(std::move(index), "brin", statement,
          {fmt::format("BRIN: {} rows whose {} follows the physical order (correlation {:.2f}); a BRIN index "
                       "keeps one summary per block range, a tiny fraction of a B-tree's size",
                       static_cast<int64_t>(Rows(table)), key.key.column, *s->correlation)},
          {});
    }
    FlushSpecial(statement);
  }

  void FlushSpecial(size_t statement) {
    for (const auto& [table, key, kind] : gin_) {
      model::Index index = NewIndex(table);
      index.method = "gin";
      model::IndexKey k = key;
      std::vector<std::string> why;
      std::vector<std::string> extensions;
      if (kind == "jsonb") {
        bool only_containment = !jsonb_needs_ops_.count({table, key.column});
        if (only_containment) k.opclass = "jsonb_path_ops";
        why.push_back(only_containment
                          ? fmt::format("GIN with jsonb_path_ops: {} is only searched with @> (containment), which "
                                        "jsonb_path_ops serves with a smaller, faster index than jsonb_ops",
                                        key.column)
                          : fmt::format("GIN (jsonb_ops): {} is searched with key-existence operators (?, ?|, ?&) "
                                        "that only the default jsonb_ops opclass supports",
                                        key.column));
      } else if (kind == "array") {
        why.push_back(fmt::format("GIN: array operators (@>, <@, &&) on {} search the elements, which only GIN serves",
                                  key.column));
      } else if (kind == "full-text") {
        why.push_back(fmt::format("GIN for full-text search: @@ on {} needs an inverted index of the lexemes{}",
                                  key.column.empty() ? key.expression : key.column,
                                  key.expression.empty() ? "" : " (an expression index on the same to_tsvector call)"));
      } else if (kind == "trigram") {
        why.push_back(fmt::format("GIN trigram index (pg_trgm) on {}: a pattern with a leading wildcard, ILIKE or a "
                                  "regular expression cannot use a B-tree; trigrams can",
                                  key.column.empty() ? key.expression : key.column));
        extensions.push_back("pg_trgm");
      }
      index.keys.push_back(k);
      Add(std::move(index), "gin", statement, why, extensions);
    }
    for (const auto& [table, column] : gist_) {
      model::Index index = NewIndex(table);
      index.method = "gist";
      index.keys.push_back(PlainKey(column));
      Add(std::move(index), "gist", statement,
          {fmt::format("GiST: {} is searched with overlap/containment operators, which GiST serves for ranges and "
                       "geometric types",
                       column)},
          {});
    }
    gin_.clear();
    gist_.clear();
  }

  void AddKeys(const model::QualifiedName& table, const std::vector<SearchKey>& keys,
               const std::vector<std::string>& include, const std::string& shape, size_t statement,
               std::vector<std::string> why) {
    if (keys.empty()) return;
    model::Index index = NewIndex(table);
    for (const auto& k : keys) index.keys.push_back(k.key);
    index.include_columns = include;
    why.erase(std::remove(why.begin(), why.end(), std::string()), why.end());
    Add(std::move(index), shape, statement, why, {});
  }

  // An existing index already gives what the candidate would: it has exactly the candidate's keys (same method
  // and predicate). A second index on the same keys only to INCLUDE columns for an index-only scan would double
  // the writes for a small gain, so covering variants of existing keys are left out too.
  bool AlreadyServed(const model::Index& index) {
    auto it = existing_.find(index.table);
    if (it == existing_.end()) it = existing_.emplace(index.table, schema::EffectiveIndexes(catalog_, index.table)).first;
    for (const auto& e : it->second) {
      if (!e.valid || e.method != index.method || e.predicate != index.predicate || e.keys.size() < index.keys.size())
        continue;
      // Only the same keys: a narrower index than an existing wide one (lineitem (l_orderkey) beside its
      // (l_orderkey, l_linenumber) key) is smaller and can change plans, so the planner gets to judge it.
      if (e.keys.size() == index.keys.size() && std::equal(index.keys.begin(), index.keys.end(), e.keys.begin()))
        return true;
    }
    return false;
  }

  void Add(model::Index index, const std::string& shape, size_t statement, const std::vector<std::string>& why,
           const std::vector<std::string>& extensions) {
    if (index.keys.empty() || index.keys.size() > 32) return;
    if (AlreadyServed(index)) return;
    const std::string definition = CandidateDefinition(index);
    auto [it, inserted] = by_definition_.emplace(definition, candidates_.size());
    if (inserted) {
      IndexCandidate candidate;
      candidate.index = std::move(index);
      candidate.shape = shape;
      candidate.extensions = extensions;
      candidates_.push_back(std::move(candidate));
    }
    IndexCandidate& candidate = candidates_[it->second];
    for (const auto& reason : why) {
      if (std::find(candidate.rationale.begin(), candidate.rationale.end(), reason) == candidate.rationale.end())
        candidate.rationale.push_back(reason);
    }
    if (std::find(candidate.statements.begin(), candidate.statements.end(), statement) == candidate.statements.end())
      candidate.statements.push_back(statement);
  }

  const model::Catalog& catalog_;
  const model::Statistics& statistics_;
  CandidateOptions options_;
  ExpressionNormalizer normalizer_;
  std::vector<IndexCandidate> candidates_;
  std::map<std::string, size_t> by_definition_;
  std::map<model::QualifiedName, std::vector<model::Index>> existing_;
  std::set<GinLess::Entry, GinLess> gin_;
  std::set<std::pair<model::QualifiedName, std::string>> gist_;
  std::set<std::pair<model::QualifiedName, std::string>> jsonb_needs_ops_;
  std::set<std::pair<model::QualifiedName, std::string>> range_columns_;
};

// The foreign keys that reference `table`: (referencing table, its columns).
std::vector<std::pair<model::QualifiedName, std::vector<std::string>>> ReferencingKeys(const model::Catalog& catalog,
                                                                                        const model::QualifiedName& table) {
  std::vector<std::pair<model::QualifiedName, std::vector<std::string>>> out;
  for (const auto& [name, t] : catalog.tables) {
    if (schema::IsPartition(t)) continue;
    for (const auto& constraint : t.constraints) {
      if (constraint.kind != model::ConstraintKind::kForeignKey || constraint.referenced_table != table) continue;
      if (constraint.columns.empty()) continue;
      out.push_back({name, constraint.columns});
    }
  }
  return out;
}

}  // namespace

std::string CandidateDefinition(const model::Index& index) {
  IndexDdlOptions options;
  options.with_name = false;
  options.semicolon = false;
  model::Index copy = index;
  copy.unique = false;
  return IndexDefinitionSql(copy, options);
}

std::string StatementLabel(const model::Query& query) {
  if (!query.label.empty()) return query.label;
  std::string text = query.normalized.empty() ? query.text : query.normalized;
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  if (out.size() > 72) out = out.substr(0, 69) + "...";
  return out;
}

std::string NewIndexName(const model::Catalog& catalog, const model::Index& index, std::set<std::string>* taken) {
  std::vector<std::string> parts;
  for (const auto& key : index.keys) {
    if (!key.column.empty()) {
      parts.push_back(key.column);
      continue;
    }
    // PostgreSQL names an expression column after its function (lower(email) → "lower"), else "expr".
    size_t open = key.expression.find('(');
    std::string name = open != std::string::npos ? key.expression.substr(0, open) : "";
    bool identifier = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    parts.push_back(identifier ? name : "expr");
  }
  std::set<std::string> existing;
  for (const auto& [name, existing_index] : catalog.indexes) existing.insert(name.name);
  const std::string base = DefaultIndexName(index.table.name, parts);
  std::string candidate = base;
  for (int n = 1; existing.count(candidate) || taken->count(candidate) || catalog.FindTable({index.table.schema, candidate});
       ++n) {
    candidate = base + std::to_string(n);
  }
  taken->insert(candidate);
  return candidate;
}

std::vector<AdvisorStatement> AdvisorStatements(const model::Catalog& catalog, const model::Workload& workload) {
  std::vector<AdvisorStatement> out;
  std::map<std::pair<model::QualifiedName, std::vector<std::string>>, size_t> checks;
  for (size_t i = 0; i < workload.queries.size(); ++i) {
    const model::Query& query = workload.queries[i];
    AdvisorStatement statement;
    statement.sql = query.text;
    statement.tables = query.tables;
    statement.weight = query.calls > 0 ? query.calls : 1;
    statement.workload_index = static_cast<int>(i);
    statement.kind = query.kind;
    statement.description = query.label;
    out.push_back(std::move(statement));
  }
  // Derived statements come after every workload query, so positions of workload queries equal their index.
  for (const model::Query& query : workload.queries) {
    if (query.kind != model::StatementKind::kDelete || !query.target) continue;
    for (const auto& [child, columns] : ReferencingKeys(catalog, *query.target)) {
      auto key = std::make_pair(child, columns);
      auto found = checks.find(key);
      const double weight = query.calls > 0 ? query.calls : 1;
      if (found != checks.end()) {
        out[found->second].weight += weight;
        continue;
      }
      std::string where;
      for (size_t c = 0; c < columns.size(); ++c)
        where += fmt::format("{}{} = ${}", c ? " AND " : "", model::QuoteIdent(columns[c]), c + 1);
      AdvisorStatement check;
      check.sql = fmt::format("SELECT 1 FROM ONLY {} x WHERE {} FOR KEY SHARE OF x", child.ToSql(), where);
      check.tables = {child};
      check.weight = weight;
      check.kind = model::StatementKind::kSelect;
      check.foreign_key_columns = columns;
      check.referenced_table = *query.target;
      check.description = fmt::format("foreign-key check on {} ({}) for each row deleted from {}", child.ToString(),
                                      ColumnListSql(columns), query.target->ToString());
      checks.emplace(key, out.size());
      out.push_back(std::move(check));
    }
  }
  return out;
}

std::vector<IndexCandidate> GenerateIndexCandidates(const model::Catalog& catalog, const model::Workload& workload,
                                                    const std::vector<AdvisorStatement>& statements,
                                                    const model::Statistics& statistics,
                                                    const CandidateOptions& options) {
  CandidateBuilder builder(catalog, statistics, options);
  for (size_t s = 0; s < statements.size(); ++s) {
    const AdvisorStatement& statement = statements[s];
    if (statement.workload_index >= 0) {
      builder.FromQuery(workload.queries[static_cast<size_t>(statement.workload_index)], s);
    }
  }
  for (size_t s = 0; s < statements.size(); ++s) {
    const AdvisorStatement& statement = statements[s];
    if (statement.workload_index >= 0 || statement.foreign_key_columns.empty()) continue;
    builder.ForeignKey(statement.tables.front(), statement.foreign_key_columns, statement.referenced_table, s);
  }
  return builder.Take();
}

}  // namespace dbarch::analyzers
