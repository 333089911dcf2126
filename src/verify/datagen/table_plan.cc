#include "verify/datagen/table_plan.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "verify/datagen/check_constraints.h"
#include "verify/datagen/copy_writer.h"
#include "verify/datagen/load_order.h"
#include "verify/datagen/partition_bounds.h"

namespace dbarch::verify::datagen {
namespace {

using model::QualifiedName;

constexpr uint64_t kMaxProduct = uint64_t{1} << 62;

bool Contains(const std::string& text, std::initializer_list<const char*> parts) {
  for (const char* part : parts) {
    if (text.find(part) != std::string::npos) return true;
  }
  return false;
}

// Columns with few distinct values in real schemas (status, kind, country …).
bool LowCardinalityName(const std::string& column) {
  return Contains(column, {"status", "state", "type", "kind", "category", "country", "currency", "plan", "role",
                           "level", "priority", "channel", "provider", "carrier", "gender", "lang", "locale",
                           "tier", "source", "method", "timezone", "mode", "stage", "weekday"});
}

// Columns that grow with insertion order (created_at, inserted_at, occurred_at …).
bool CreationTimeName(const std::string& column) {
  return Contains(column, {"created", "inserted", "occurred", "logged", "recorded", "registered", "added",
                           "sent", "redeemed", "placed", "received"});
}

bool MostlyNullName(const std::string& column) {
  return Contains(column, {"deleted", "cancelled", "canceled", "revoked", "archived", "removed", "refunded",
                           "expired", "suspended", "banned"});
}

QualifiedName UserTypeName(const std::string& name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return {"public", name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

template <typename Map>
const typename Map::mapped_type* FindUserType(const Map& objects, const std::string& name) {
  auto it = objects.find(UserTypeName(name));
  if (it != objects.end()) return &it->second;
  const std::string bare = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
  for (const auto& [key, object] : objects) {
    if (key.name == bare) return &object;
  }
  return nullptr;
}

bool CompatibleOrder(ValueKind a, ValueKind b) {
  auto family = [](ValueKind k) {
    if (k == ValueKind::kTimestamp || k == ValueKind::kTimestampTz) return 1;
    if (k == ValueKind::kInteger || k == ValueKind::kNumeric || k == ValueKind::kFloat || k == ValueKind::kMoney) return 2;
    return 10 + static_cast<int>(k);
  };
  return family(a) == family(b);
}

}  // namespace

// A plan's own keys, computed row by row.
class PlanKeys : public KeyProvider {
 public:
  PlanKeys(const TablePlan* plan, std::vector<int> columns) : plan_(plan), columns_(std::move(columns)) {
    // Only the components the key is made of: a parent's other columns (and their own foreign keys, which
    // could lead back here through a cycle) are not computed.
    wanted_.assign(plan_->components_.size(), 0);
    for (int column : columns_) {
      for (int c = column; c >= 0; c = plan_->columns_[static_cast<size_t>(c)].depends_on) {
        wanted_[static_cast<size_t>(plan_->columns_[static_cast<size_t>(c)].component)] = 1;
      }
    }
  }
  uint64_t size() const override { return static_cast<uint64_t>(plan_->rows()); }
  void Fetch(uint64_t index, std::vector<std::string>* values) const override {
    TablePlan::Scratch& scratch = scratch_;
    plan_->ComputeRow(static_cast<int64_t>(index), &scratch, &wanted_);
    values->resize(columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
      (*values)[i].clear();
      const int column = columns_[i];
      const TablePlan::Cell& cell = scratch.cells[static_cast<size_t>(column)];
      if (cell.text != nullptr) (*values)[i] = *cell.text;
      else if (cell.has_units) plan_->DomainFor(column, static_cast<int64_t>(index)).AppendUnits(cell.units, &(*values)[i]);
      else plan_->DomainFor(column, static_cast<int64_t>(index)).Append(cell.k, &(*values)[i]);
    }
  }

 private:
  const TablePlan* plan_;
  std::vector<int> columns_;
  std::vector<char> wanted_;
  mutable TablePlan::Scratch scratch_;
};

Result<std::unique_ptr<TablePlan>> TablePlan::Build(const PlanInputs& inputs, const model::Table& table) {
  std::unique_ptr<TablePlan> plan(new TablePlan());
  Status status = plan->Plan(inputs, table);
  if (!status.ok()) return status;
  return plan;
}

int TablePlan::ColumnIndex(const std::string& name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::unique_ptr<KeyProvider> TablePlan::Keys(const std::vector<std::string>& columns) const {
  std::vector<int> indexes;
  for (const auto& name : columns) {
    const int index = ColumnIndex(name);
    if (index < 0) return nullptr;
    indexes.push_back(index);
  }
  return std::make_unique<PlanKeys>(this, std::move(indexes));
}

Status TablePlan::Plan(const PlanInputs& inputs, const model::Table& table) {
  const model::Catalog& catalog = *inputs.catalog;
  table_ = table.name;
  keys_ = inputs.keys;
  const uint64_t table_stream = HashCombine(inputs.seed, HashName(table.name.ToString()));
  auto it = inputs.row_counts.find(table.name);
  rows_ = it == inputs.row_counts.end() ? 0 : it->second;
  const model::TableStatistics* stats = inputs.shape ? inputs.shape->FindTable(table.name) : nullptr;

  // --- Columns: types, domains (enums, domains' base types and CHECKs), what COPY writes.
  std::vector<std::string> check_expressions;
  for (const auto& c : table.constraints) {
    if (c.kind == model::ConstraintKind::kCheck && !c.check_expr.empty()) check_expressions.push_back(c.check_expr);
  }
  for (const auto& column : table.columns) {
    ColumnPlan col;
    col.name = column.name;
    col.not_null = column.not_null;
    const uint64_t salt = HashCombine(table_stream, HashName(column.name));
    model::TypeName type = column.type;
    std::vector<std::string> domain_checks;
    std::optional<ValueDomain> domain;
    for (int depth = 0; depth < 8 && type.array_dims == 0; ++depth) {
      if (const model::Domain* d = FindUserType(catalog.domains, type.name)) {
        if (d->not_null) col.not_null = true;
        domain_checks.insert(domain_checks.end(), d->checks.begin(), d->checks.end());
        staging_types_[column.name] = d->base_type.ToSql();
        type = d->base_type;
        continue;
      }
      break;
    }
    model::TypeName element = type;
    element.array_dims = 0;
    if (const model::EnumType* e = FindUserType(catalog.enums, element.name)) {
      ValueDomain labels = ValueDomain::Categorical(e->values);
      domain = type.array_dims > 0 ? ValueDomain::ArrayOf(std::move(labels), salt) : std::move(labels);
    } else {
      domain = ValueDomain::ForType(type, column.name, salt);
    }
    col.domain = std::move(*domain);
    for (const std::string& check : domain_checks) {
      auto written = DomainCheckForColumn(check, column.name);
      if (written.ok()) check_expressions.push_back(written.value());
    }
    const bool has_default = column.default_expr.has_value() || column.identity != model::IdentityKind::kNone;
    col.sequence = column.identity != model::IdentityKind::kNone || column.from_serial ||
                   (column.default_expr && column.default_expr->find("nextval(") != std::string::npos);
    if (col.sequence) sequence_columns_.push_back(column.name);
    if (column.generated_expr) {
      col.omit = true;
    } else if (!col.domain.known()) {
      if (has_default) {
        col.omit = true;
        notes_.push_back(fmt::format("column {} (type {}) is left to its default", column.name, column.type.ToSql()));
      } else if (!col.not_null) {
        col.always_null = true;
        notes_.push_back(fmt::format("column {} (type {}) is left NULL", column.name, column.type.ToSql()));
      } else {
        return Status::InvalidInput(fmt::format(
            "{}.{}: cannot generate values of type {} for a NOT NULL column without a default; "
            "give a CSV file for this table", table.name.ToString(), column.name, column.type.ToSql()));
      }
    }
    columns_.push_back(std::move(col));
  }

  // --- CHECK constraints: bounds on domains, column pairs, non-null counts; the rest filters rows.
  struct Pair {
    int lesser, greater;
    bool strict;
    std::string expression;
  };
  std::vector<Pair> pairs;
  struct Count {
    NonNullCount count;
    std::string expression;
  };
  std::vector<Count> counts;
  for (const std::string& expression : check_expressions) {
    auto interpreted = InterpretCheck(expression);
    if (!interpreted.ok()) {
      filters_.push_back(expression);
      continue;
    }
    bool honoured = interpreted->fully_understood();
    for (const ColumnRule& rule : interpreted->rules) {
      const int index = ColumnIndex(rule.column);
      if (index < 0) {
        honoured = false;
        continue;
      }
      ColumnPlan& col = columns_[static_cast<size_t>(index)];
      if (rule.kind == ColumnRule::Kind::kNotNull) col.not_null = true;
      else if (!col.domain.Apply(rule)) honoured = false;
    }
    for (const ColumnPair& pair : interpreted->pairs) {
      const int left = ColumnIndex(pair.left), right = ColumnIndex(pair.right);
      if (left < 0 || right < 0 || left == right) {
        honoured = false;
        continue;
      }
      switch (pair.op) {
        case CompareOp::kLt: pairs.push_back({left, right, true, expression}); break;
        case CompareOp::kLe: pairs.push_back({left, right, false, expression}); break;
        case CompareOp::kGt: pairs.push_back({right, left, true, expression}); break;
        case CompareOp::kGe: pairs.push_back({right, left, false, expression}); break;
        case CompareOp::kNe: pairs.push_back({left, right, true, expression}); break;
        case CompareOp::kEq: honoured = false; break;
      }
    }
    for (const NonNullCount& count : interpreted->non_null_counts) counts.push_back({count, expression});
    if (!honoured) {
      // About one nullable column only: NULL satisfies any CHECK, so leave the column NULL rather than drop
      // most rows (e.g. a regular expression our values do not match).
      const int only = interpreted->columns.size() == 1 ? ColumnIndex(interpreted->columns[0]) : -1;
      if (only >= 0 && !columns_[static_cast<size_t>(only)].not_null) {
        columns_[static_cast<size_t>(only)].always_null = true;
        notes_.push_back("column " + columns_[static_cast<size_t>(only)].name + " is left NULL to satisfy CHECK (" +
                         expression + ")");
      } else {
        filters_.push_back(expression);
        notes_.push_back("CHECK (" + expression + ") is enforced by filtering generated rows");
      }
    }
  }

  // --- Partitions: each leaf's rows are generated inside its bounds.
  if (table.kind == model::TableKind::kPartitioned) {
    struct LeafSpec {
      const model::Table* table;
      std::vector<std::pair<int, std::shared_ptr<ValueDomain>>> restrictions;
    };
    std::vector<LeafSpec> leaves;
    bool routed_freely = false;  // hash or DEFAULT partitions accept anything: no restriction needed
    std::function<void(const model::Table&, const std::vector<std::pair<int, std::shared_ptr<ValueDomain>>>&)>
        collect = [&](const model::Table& parent, const std::vector<std::pair<int, std::shared_ptr<ValueDomain>>>& inherited) {
          const int key = parent.partition_keys.size() == 1 ? ColumnIndex(parent.partition_keys[0]) : -1;
          for (const auto& [name, child] : catalog.tables) {
            if (!child.partition_of || *child.partition_of != parent.name) continue;
            auto restrictions = inherited;
            auto bound = ParsePartitionBound(child.partition_bound);
            if (!bound.ok() || bound->kind == PartitionBound::Kind::kDefault ||
                bound->kind == PartitionBound::Kind::kHash || key < 0) {
              routed_freely = true;
              continue;
            }
            std::shared_ptr<ValueDomain> domain;
            for (auto& r : restrictions) {
              if (r.first == key) domain = std::make_shared<ValueDomain>(*r.second), r.second = domain;
            }
            if (!domain) {
              domain = std::make_shared<ValueDomain>(columns_[static_cast<size_t>(key)].domain);
              restrictions.emplace_back(key, domain);
            }
            bool ok = true;
            if (bound->kind == PartitionBound::Kind::kList) {
              ColumnRule in;
              in.kind = ColumnRule::Kind::kIn;
              in.values = bound->values;
              ok = domain->Apply(in) && domain->Capacity() > 0;
            } else {
              ok = bound->lower.size() == 1 && domain->RestrictToPartition(bound->lower[0], bound->upper[0]) &&
                   domain->Capacity() > 0;
            }
            if (!ok) {
              notes_.push_back("partition " + child.name.ToString() + " gets no rows (bound " + child.partition_bound + ")");
              continue;
            }
            if (child.kind == model::TableKind::kPartitioned) collect(child, restrictions);
            else leaves.push_back({&child, restrictions});
          }
        };
    collect(table, {});
    if (routed_freely) {
      notes_.push_back("rows are routed by PostgreSQL (hash or DEFAULT partitions)");
    } else if (leaves.empty()) {
      return Status::InvalidInput(table.name.ToString() + ": partitioned table without partitions that can hold rows");
    } else {
      const int64_t per_leaf = rows_ / static_cast<int64_t>(leaves.size());
      int64_t begin = 0;
      for (size_t i = 0; i < leaves.size(); ++i) {
        const int64_t end = i + 1 == leaves.size() ? rows_ : begin + per_leaf;
        for (const auto& [column, domain] : leaves[i].restrictions) {
          Leaf leaf;
          leaf.begin = begin;
          leaf.end = end;
          leaf.column = column;
          leaf.domain = domain;
          leaves_.push_back(leaf);
        }
        begin = end;
      }
    }
  }

  // --- Foreign keys: one component per FK; a column in two FKs keeps the first and filters the second.
  std::vector<int> component_of(columns_.size(), -1);
  for (const auto& c : table.constraints) {
    if (c.kind != model::ConstraintKind::kForeignKey) continue;
    const QualifiedName parent = LoadedThrough(catalog, c.referenced_table);
    const model::Table* parent_table = catalog.FindTable(parent);
    if (parent_table == nullptr || !IsLoadable(*parent_table) || c.referenced_columns.size() != c.columns.size()) {
      notes_.push_back("foreign key " + c.name + " references a table that is not loaded; its columns are left NULL");
      for (const auto& name : c.columns) {
        const int index = ColumnIndex(name);
        if (index >= 0 && !columns_[static_cast<size_t>(index)].not_null) columns_[static_cast<size_t>(index)].always_null = true;
      }
      continue;
    }
    std::vector<int> indexes;
    bool overlaps = false;
    for (const auto& name : c.columns) {
      const int index = ColumnIndex(name);
      if (index < 0) return Status::InvalidInput(table.name.ToString() + ": foreign key " + c.name + " names unknown column " + name);
      if (component_of[static_cast<size_t>(index)] >= 0) overlaps = true;
      indexes.push_back(index);
    }
    if (overlaps) {
      std::string left, right;
      for (size_t i = 0; i < c.columns.size(); ++i) {
        left += (i ? ", " : "") + model::QuoteIdent(c.columns[i]);
        right += (i ? ", " : "") + model::QuoteIdent(c.referenced_columns[i]);
      }
      filters_.push_back(fmt::format("({}) IN (SELECT {} FROM {})", left, right, parent.ToSql()));
      notes_.push_back("foreign key " + c.name + " shares columns with another foreign key; rows are filtered");
      continue;
    }
    Component component;
    component.columns = indexes;
    component.foreign_key = true;
    component.parent = parent;
    component.parent_columns = c.referenced_columns;
    component.constraint = c.name;
    component.null_first = inputs.null_first.count({table.name, c.name}) > 0;
    if (component.null_first) null_first_[c.name] = c.columns;
    for (size_t i = 0; i < indexes.size(); ++i) {
      component_of[static_cast<size_t>(indexes[i])] = static_cast<int>(components_.size());
      columns_[static_cast<size_t>(indexes[i])].fk_position = static_cast<int>(i);
    }
    if (parent == table.name) {
      component.size = static_cast<uint64_t>(std::max<int64_t>(rows_, 1));
    } else if (const KeyProvider* provider = inputs.keys ? inputs.keys(parent, c.referenced_columns) : nullptr) {
      component.size = provider->size();
      component.provider = provider;
    } else {
      auto count = inputs.row_counts.find(parent);
      component.size = count == inputs.row_counts.end() ? 0 : static_cast<uint64_t>(count->second);
    }
    components_.push_back(std::move(component));
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (component_of[i] >= 0 || columns_[i].omit) continue;
    Component component;
    component.columns = {static_cast<int>(i)};
    component_of[i] = static_cast<int>(components_.size());
    components_.push_back(std::move(component));
  }
  for (size_t i = 0; i < components_.size(); ++i) {
    for (int column : components_[i].columns) columns_[static_cast<size_t>(column)].component = static_cast<int>(i);
    components_[i].stream = HashCombine(table_stream, HashName(columns_[static_cast<size_t>(components_[i].columns[0])].name));
  }

  // --- Unique keys: PRIMARY KEY, UNIQUE, unique indexes on columns (or lower()/upper() of one column, which
  // our lower-case text keeps injective), exclusion constraints of "=" and "&&" on ranges.
  std::vector<std::vector<int>> keys;
  auto add_key = [&](const std::vector<std::string>& names) {
    std::vector<int> key;
    for (const auto& name : names) {
      const int index = ColumnIndex(name);
      if (index < 0) return false;
      key.push_back(index);
    }
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    if (!key.empty()) keys.push_back(std::move(key));
    return true;
  };
  for (const auto& c : table.constraints) {
    if (c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique) {
      if (!add_key(c.columns)) needs_conflict_skip_ = true;
    } else if (c.kind == model::ConstraintKind::kExclude) {
      std::vector<std::string> equal;
      std::optional<std::string> overlapping;
      bool understood = true;
      for (const auto& e : c.exclusion_elements) {
        const int index = ColumnIndex(e.column_or_expression);
        if (index < 0) understood = false;
        else if (e.op == "=") equal.push_back(e.column_or_expression);
        else if (e.op == "&&" && columns_[static_cast<size_t>(index)].domain.kind() == ValueKind::kRange) overlapping = e.column_or_expression;
        else understood = false;
      }
      // Ranges from distinct slots never overlap, so a unique range column satisfies "… WITH &&".
      if (understood && overlapping) add_key({*overlapping});
      else if (understood && !equal.empty()) add_key(equal);
      else {
        needs_conflict_skip_ = true;
        notes_.push_back("exclusion constraint " + c.name + " is enforced by skipping conflicting rows");
      }
    }
  }
  for (const auto& [name, index] : catalog.indexes) {
    if (index.table != table.name || !index.unique) continue;
    std::vector<std::string> names;
    bool understood = true;
    for (const auto& key : index.keys) {
      if (!key.column.empty()) {
        names.push_back(key.column);
        continue;
      }
      const std::string& expr = key.expression;
      // lower(col) / upper(col): generated text is lower-case, so case folding keeps it unique.
      const bool folding = (expr.rfind("lower(", 0) == 0 || expr.rfind("upper(", 0) == 0) && expr.back() == ')';
      const std::string inner = folding ? expr.substr(6, expr.size() - 7) : "";
      if (folding && ColumnIndex(inner) >= 0) names.push_back(inner);
      else understood = false;
    }
    if (!understood || !add_key(names)) {
      needs_conflict_skip_ = true;
      notes_.push_back("unique index " + name.ToString() + " is enforced by skipping conflicting rows");
    }
  }
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });

  // A key is honoured when one of its columns is unique on its own, when it contains a combination already
  // enumerated, or by enumerating its components' combinations (mixed radix over a permutation of rows).
  auto component_set = [&](const std::vector<int>& key) {
    std::set<int> out;
    for (int column : key) out.insert(columns_[static_cast<size_t>(column)].component);
    return out;
  };
  std::vector<std::set<int>> enumerated;
  for (const auto& key : keys) {
    if (std::any_of(key.begin(), key.end(), [&](int c) { return columns_[static_cast<size_t>(c)].unique; })) continue;
    const std::set<int> comps = component_set(key);
    bool covered = false;
    for (const auto& e : enumerated) covered |= std::includes(comps.begin(), comps.end(), e.begin(), e.end());
    if (covered) continue;
    // A foreign-key component counts only when all its columns are in the key.
    bool complete = true;
    for (int comp : comps) {
      for (int column : components_[static_cast<size_t>(comp)].columns) {
        if (std::find(key.begin(), key.end(), column) == key.end()) complete = false;
      }
    }
    if (!complete) {
      needs_conflict_skip_ = true;
      continue;
    }
    if (comps.size() == 1) {
      Component& comp = components_[static_cast<size_t>(*comps.begin())];
      if (comp.combo >= 0) {
        needs_conflict_skip_ = true;
        continue;
      }
      for (int column : comp.columns) columns_[static_cast<size_t>(column)].unique = true;
      enumerated.push_back(comps);
      continue;
    }
    if (std::any_of(comps.begin(), comps.end(), [&](int c) { return components_[static_cast<size_t>(c)].combo >= 0; })) {
      needs_conflict_skip_ = true;
      notes_.push_back("overlapping unique keys are enforced by skipping conflicting rows");
      continue;
    }
    Combo combo;
    for (int comp : comps) {
      components_[static_cast<size_t>(comp)].combo = static_cast<int>(combos_.size());
      components_[static_cast<size_t>(comp)].digit = static_cast<int>(combo.components.size());
      combo.components.push_back(comp);
    }
    combos_.push_back(std::move(combo));
    enumerated.push_back(comps);
  }

  // --- Row count: no more rows than the unique keys can tell apart.
  auto own_capacity = [&](const Component& comp) -> uint64_t {
    if (comp.foreign_key) return comp.size;
    return columns_[static_cast<size_t>(comp.columns[0])].domain.Capacity();
  };
  uint64_t capacity = kMaxProduct;
  for (const auto& comp : components_) {
    bool unique = comp.combo < 0 && std::any_of(comp.columns.begin(), comp.columns.end(),
                                                [&](int c) { return columns_[static_cast<size_t>(c)].unique; });
    if (unique) capacity = std::min(capacity, own_capacity(comp));
  }
  for (auto& combo : combos_) {
    long double product = 1;
    for (int comp : combo.components) {
      const Component& c = components_[static_cast<size_t>(comp)];
      // Own columns in a combination use as many values as there are rows (or all there are).
      uint64_t radix = c.foreign_key ? c.size : std::min<uint64_t>(own_capacity(c), static_cast<uint64_t>(std::max<int64_t>(rows_, 1)));
      combo.radices.push_back(std::max<uint64_t>(radix, 1));
      if (radix == 0) product = 0;
      product *= static_cast<long double>(std::max<uint64_t>(radix, 1));
    }
    capacity = std::min<uint64_t>(capacity, product >= static_cast<long double>(kMaxProduct) ? kMaxProduct : static_cast<uint64_t>(product));
  }
  for (const auto& comp : components_) {
    const bool nullable = std::all_of(comp.columns.begin(), comp.columns.end(), [&](int c) { return !columns_[static_cast<size_t>(c)].not_null; });
    if (comp.foreign_key && comp.size == 0 && !nullable) {
      capacity = 0;
      notes_.push_back("parent " + comp.parent.ToString() + " of foreign key " + comp.constraint + " has no rows");
    }
  }
  if (static_cast<uint64_t>(rows_) > capacity) {
    notes_.push_back(fmt::format("{} rows requested, but the unique keys allow only {}", rows_, capacity));
    rows_ = static_cast<int64_t>(capacity);
    for (auto& leaf : leaves_) {
      leaf.begin = std::min(leaf.begin, rows_);
      leaf.end = std::min(leaf.end, rows_);
    }
  }
  for (auto& combo : combos_) {
    uint64_t product = 1;
    for (uint64_t r : combo.radices) product = product > kMaxProduct / r ? kMaxProduct : product * r;
    combo.permutation = AffinePermutation(product, HashCombine(table_stream, combos_.size() + 17));
  }

  // --- Distributions and null fractions.
  const uint64_t rows = static_cast<uint64_t>(std::max<int64_t>(rows_, 1));
  for (auto& comp : components_) {
    ColumnPlan& first = columns_[static_cast<size_t>(comp.columns[0])];
    const model::ColumnStatistics* cstats = nullptr;
    for (int column : comp.columns) {
      if (cstats == nullptr && stats) cstats = stats->FindColumn(columns_[static_cast<size_t>(column)].name);
    }
    const bool nullable = std::all_of(comp.columns.begin(), comp.columns.end(), [&](int c) { return !columns_[static_cast<size_t>(c)].not_null; });
    const bool unique = comp.combo < 0 && first.unique;
    if (nullable && !unique) {
      if (cstats) comp.null_frac = cstats->null_frac;
      else if (MostlyNullName(first.name)) comp.null_frac = 0.9;
      else comp.null_frac = comp.foreign_key ? 0.05 : 0.1;
    } else if (nullable && cstats) {
      comp.null_frac = cstats->null_frac;
    }
    if (comp.combo >= 0) {
      const Combo& combo = combos_[static_cast<size_t>(comp.combo)];
      comp.size = combo.radices[static_cast<size_t>(comp.digit)];
      comp.null_frac = 0;
      if (!comp.foreign_key) first.domain.SetSize(comp.size, true);
      continue;
    }
    if (comp.foreign_key) {
      uint64_t parents = std::max<uint64_t>(comp.size, 1);
      if (unique) {
        comp.draw = Draw::kPermuted;
        comp.scatter = AffinePermutation(parents, comp.stream);
        continue;
      }
      uint64_t distinct = parents;
      if (cstats && cstats->n_distinct != 0) {
        distinct = static_cast<uint64_t>(std::clamp(cstats->DistinctValues(static_cast<double>(rows)), 1.0, static_cast<double>(parents)));
      }
      comp.draw = Draw::kZipf;
      comp.zipf = ZipfSampler(distinct, inputs.zipf_exponent);
      comp.scatter = AffinePermutation(parents, comp.stream);
      continue;
    }
    ValueDomain& domain = first.domain;
    if (unique) {
      domain.SetSize(rows, true);
      const bool ordered_key = first.sequence || (table.PrimaryKey() && table.PrimaryKey()->columns.size() == 1 &&
                                                  table.PrimaryKey()->columns[0] == first.name) ||
                               (cstats && cstats->correlation && *cstats->correlation > 0.5);
      comp.size = domain.size();
      comp.draw = ordered_key ? Draw::kSequential : Draw::kPermuted;
      comp.scatter = AffinePermutation(comp.size, comp.stream);
      continue;
    }
    // Repeated values: as many distinct values as the statistics say, else a guess from the name and type.
    uint64_t distinct;
    if (cstats && cstats->n_distinct != 0) {
      distinct = static_cast<uint64_t>(std::max(1.0, cstats->DistinctValues(static_cast<double>(rows))));
    } else if (domain.kind() == ValueKind::kCategorical || domain.kind() == ValueKind::kBoolean) {
      distinct = domain.Capacity();
    } else if (LowCardinalityName(first.name)) {
      distinct = 8;
    } else if (domain.kind() == ValueKind::kFixedChar) {
      distinct = 50;
    } else {
      distinct = std::max<uint64_t>(1, rows / 2);
    }
    domain.SetSize(distinct, false, cstats && cstats->n_distinct != 0);
    comp.size = domain.size();
    comp.scatter = AffinePermutation(comp.size, comp.stream);
    if (cstats && cstats->correlation && std::abs(*cstats->correlation) > 0.5) {
      comp.draw = *cstats->correlation > 0 ? Draw::kCorrelated : Draw::kAntiCorrelated;
    } else if (!cstats && domain.ordered() && domain.kind() != ValueKind::kBoolean && CreationTimeName(first.name)) {
      comp.draw = Draw::kCorrelated;
    } else if (domain.kind() == ValueKind::kCategorical || LowCardinalityName(first.name) ||
               domain.kind() == ValueKind::kBoolean) {
      comp.draw = Draw::kZipf;
      comp.zipf = ZipfSampler(comp.size, 1.0);
    } else {
      comp.draw = Draw::kUniform;
    }
    // An equi-depth histogram from live statistics: a bucket at random (or by row position when the column
    // follows row order), then a value inside it.
    if (cstats && cstats->histogram_bounds.size() >= 2 && domain.ordered() && domain.kind() != ValueKind::kBoolean) {
      std::vector<int64_t> bounds;
      for (const auto& text : cstats->histogram_bounds) {
        auto units = domain.ParseUnits(Literal{text, "", false, true});
        if (!units) {
          bounds.clear();
          break;
        }
        bounds.push_back(std::clamp(*units, domain.low(), domain.high()));
      }
      if (bounds.size() >= 2 && std::is_sorted(bounds.begin(), bounds.end())) {
        comp.histogram_follows_rows = comp.draw == Draw::kCorrelated;
        comp.draw = Draw::kHistogram;
        comp.histogram = std::move(bounds);
      }
    }
    if (cstats && !cstats->most_common_values.empty() &&
        cstats->most_common_values.size() == cstats->most_common_freqs.size() && !first.sequence) {
      double total = 0;
      for (size_t i = 0; i < cstats->most_common_values.size(); ++i) {
        total += cstats->most_common_freqs[i];
        first.mcv.push_back(cstats->most_common_values[i]);
        first.mcv_cumulative.push_back(total);
      }
    }
  }
  // Partition leaves: the restricted copies lay their values out like the column they restrict.
  for (auto& leaf : leaves_) {
    const ColumnPlan& column = columns_[static_cast<size_t>(leaf.column)];
    leaf.domain->SetSize(std::min(column.domain.size(), std::max<uint64_t>(1, leaf.domain->Capacity())), column.unique, true);
    if (column.unique && leaf.domain->Capacity() < static_cast<uint64_t>(leaf.end - leaf.begin)) {
      needs_conflict_skip_ = true;
      notes_.push_back("a partition's bounds leave fewer key values than rows; duplicates are skipped");
    }
    columns_[static_cast<size_t>(leaf.column)].mcv.clear();
  }

  // --- "a < b" checks: derive one column from the other when one of them is free to be derived.
  auto derivable = [&](int column) {
    const ColumnPlan& c = columns_[static_cast<size_t>(column)];
    const Component& comp = components_[static_cast<size_t>(c.component)];
    return !c.omit && !c.unique && c.depends_on < 0 && !comp.foreign_key && comp.combo < 0 && c.domain.ordered() &&
           std::none_of(leaves_.begin(), leaves_.end(), [&](const Leaf& l) { return l.column == column; });
  };
  for (const Pair& pair : pairs) {
    ColumnPlan& lesser = columns_[static_cast<size_t>(pair.lesser)];
    ColumnPlan& greater = columns_[static_cast<size_t>(pair.greater)];
    const bool comparable = lesser.domain.ordered() && greater.domain.ordered() &&
                            CompatibleOrder(lesser.domain.kind(), greater.domain.kind()) &&
                            true;
    const int64_t min_delta = pair.strict ? 1 : 0;
    int dependent = -1, source = -1;
    if (comparable && derivable(pair.greater) && columns_[static_cast<size_t>(pair.lesser)].depends_on != pair.greater) {
      dependent = pair.greater;
      source = pair.lesser;
    } else if (comparable && derivable(pair.lesser) && columns_[static_cast<size_t>(pair.greater)].depends_on != pair.lesser) {
      dependent = pair.lesser;
      source = pair.greater;
    }
    // numeric(p,s) columns count in different units unless their scales match.
    if (dependent >= 0 && lesser.domain.scale() != greater.domain.scale()) dependent = -1;
    if (dependent < 0) {
      if (std::find(filters_.begin(), filters_.end(), pair.expression) == filters_.end()) {
        filters_.push_back(pair.expression);
        notes_.push_back("CHECK (" + pair.expression + ") is enforced by filtering generated rows");
      }
      continue;
    }
    ColumnPlan& dep = columns_[static_cast<size_t>(dependent)];
    dep.depends_on = source;
    dep.above = dependent == pair.greater;
    dep.min_delta = min_delta;
    dep.max_delta = std::max(min_delta, dep.domain.TypicalGap() * 3);
    // Leave room so the derived value stays inside its own bounds.
    if (dep.above) {
      ColumnPlan& src = columns_[static_cast<size_t>(source)];
      src.domain.RestrictUnits(src.domain.low(), dep.domain.high() - min_delta);
      dep.domain.RestrictUnits(src.domain.low() + min_delta, dep.domain.high());
    } else {
      ColumnPlan& src = columns_[static_cast<size_t>(source)];
      src.domain.RestrictUnits(dep.domain.low() + min_delta, src.domain.high());
      dep.domain.RestrictUnits(dep.domain.low(), src.domain.high() - min_delta);
    }
    // Re-lay out the source within its narrowed range.
    ColumnPlan& src = columns_[static_cast<size_t>(source)];
    src.domain.SetSize(src.domain.size(), src.unique);
  }
  // Sources before the columns derived from them.
  {
    std::vector<int> depth(columns_.size(), 0);
    for (size_t pass = 0; pass < columns_.size(); ++pass) {
      for (size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].depends_on >= 0) depth[i] = std::max(depth[i], depth[static_cast<size_t>(columns_[i].depends_on)] + 1);
      }
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i].depends_on >= 0) dependent_order_.push_back(static_cast<int>(i));
    }
    std::stable_sort(dependent_order_.begin(), dependent_order_.end(),
                     [&](int a, int b) { return depth[static_cast<size_t>(a)] < depth[static_cast<size_t>(b)]; });
  }

  // --- num_nonnulls(…) checks.
  for (const Count& count : counts) {
    NonNullGroup group;
    group.min = count.count.min;
    group.max = count.count.max;
    bool ok = true;
    int required = 0;
    for (const auto& name : count.count.columns) {
      const int index = ColumnIndex(name);
      if (index < 0) {
        ok = false;
        break;
      }
      const ColumnPlan& c = columns_[static_cast<size_t>(index)];
      const Component& comp = components_[static_cast<size_t>(c.component)];
      if (c.unique || comp.combo >= 0 || comp.columns.size() != 1 || c.depends_on >= 0) ok = false;
      required += c.not_null;
      group.columns.push_back(index);
    }
    if (!ok || required > group.max) {
      filters_.push_back(count.expression);
      continue;
    }
    group.min = std::max(group.min, required);
    group.stream = HashCombine(table_stream, HashName(count.expression));
    non_null_groups_.push_back(std::move(group));
  }

  for (size_t i = 0; i < columns_.size(); ++i) {
    const ColumnPlan& c = columns_[i];
    if (c.omit) continue;
    if (!c.domain.problem().empty() && !c.always_null) {
      if (c.not_null) {
        return Status::InvalidInput(fmt::format("{}.{}: {}", table.name.ToString(), c.name, c.domain.problem()));
      }
      columns_[i].always_null = true;
      notes_.push_back(fmt::format("column {}: {}; left NULL", c.name, c.domain.problem()));
    }
    copy_order_.push_back(static_cast<int>(i));
    copy_columns_.push_back(c.name);
  }
  scratch_.cells.resize(columns_.size());
  scratch_.fk_values.resize(components_.size());
  return Status::Ok();
}

const ValueDomain& TablePlan::DomainFor(int column, int64_t row) const {
  for (const Leaf& leaf : leaves_) {
    if (leaf.column == column && row >= leaf.begin && row < leaf.end) return *leaf.domain;
  }
  return columns_[static_cast<size_t>(column)].domain;
}

uint64_t TablePlan::DrawIndex(const Component& comp, int64_t row, Rng& rng) const {
  const uint64_t r = static_cast<uint64_t>(row);
  switch (comp.draw) {
    case Draw::kSequential: return r % std::max<uint64_t>(comp.size, 1);
    case Draw::kPermuted: return comp.scatter(r);
    case Draw::kUniform: return rng.Below(std::max<uint64_t>(comp.size, 1));
    case Draw::kZipf: return comp.scatter(comp.zipf.Sample(rng) - 1);
    case Draw::kHistogram:
      return 0;  // values come from the histogram directly (ComputeRow)
    case Draw::kCorrelated:
    case Draw::kAntiCorrelated: {
      // Follows row order, with a little jitter so equal neighbours are not all identical.
      const long double position = static_cast<long double>(r) / static_cast<long double>(std::max<int64_t>(rows_, 1));
      int64_t k = static_cast<int64_t>(position * static_cast<long double>(comp.size));
      const int64_t jitter = static_cast<int64_t>(comp.size / 200);
      if (jitter > 0) k += static_cast<int64_t>(rng.Below(static_cast<uint64_t>(2 * jitter + 1))) - jitter;
      k = std::clamp<int64_t>(k, 0, static_cast<int64_t>(comp.size) - 1);
      return comp.draw == Draw::kCorrelated ? static_cast<uint64_t>(k) : comp.size - 1 - static_cast<uint64_t>(k);
    }
  }
  return 0;
}

void TablePlan::ComputeRow(int64_t row, Scratch* scratch, const std::vector<char>* wanted) const {
  // A key made of a foreign key to a key made of a foreign key …: stop a (malformed) loop of them.
  static thread_local int depth = 0;
  struct Depth {
    Depth() { ++depth; }
    ~Depth() { --depth; }
  } guard;
  if (scratch->cells.size() != columns_.size()) scratch->cells.resize(columns_.size());
  if (scratch->fk_values.size() != components_.size()) scratch->fk_values.resize(components_.size());
  for (auto& cell : scratch->cells) cell = Cell();
  // Combination digits: a permutation of the row number, written in mixed radix.
  uint64_t digits[16][8];
  for (size_t i = 0; i < combos_.size() && i < 16; ++i) {
    uint64_t c = combos_[i].permutation(static_cast<uint64_t>(row));
    for (size_t d = 0; d < combos_[i].radices.size() && d < 8; ++d) {
      digits[i][d] = c % combos_[i].radices[d];
      c /= combos_[i].radices[d];
    }
  }
  for (size_t ci = 0; ci < components_.size(); ++ci) {
    const Component& comp = components_[ci];
    if (wanted != nullptr && !(*wanted)[ci]) continue;
    Rng rng(comp.stream, static_cast<uint64_t>(row));
    const bool null = comp.null_first || (comp.null_frac > 0 && rng.Chance(comp.null_frac));
    if (null) {
      for (int column : comp.columns) scratch->cells[static_cast<size_t>(column)].null = true;
      continue;
    }
    const uint64_t k = comp.combo >= 0 && comp.combo < 16 ? digits[comp.combo][comp.digit] : DrawIndex(comp, row, rng);
    if (comp.foreign_key) {
      if (comp.provider == nullptr && keys_) comp.provider = keys_(comp.parent, comp.parent_columns);
      if (comp.provider == nullptr && comp.parent == table_) {
        // A table's reference to itself: keys computed from this very plan.
        if (!self_keys_) self_keys_ = Keys(comp.parent_columns);
        comp.provider = self_keys_.get();
      }
      if (comp.provider == nullptr || comp.provider->size() == 0 || depth > 32) {
        for (int column : comp.columns) scratch->cells[static_cast<size_t>(column)].null = true;
        continue;
      }
      auto& values = scratch->fk_values[ci];
      comp.provider->Fetch(k % comp.provider->size(), &values);
      for (size_t i = 0; i < comp.columns.size() && i < values.size(); ++i) {
        scratch->cells[static_cast<size_t>(comp.columns[i])].text = &values[i];
      }
      continue;
    }
    const ColumnPlan& col = columns_[static_cast<size_t>(comp.columns[0])];
    Cell& cell = scratch->cells[static_cast<size_t>(comp.columns[0])];
    if (col.always_null) {
      cell.null = true;
      continue;
    }
    if (!col.mcv.empty()) {
      const double u = rng.Uniform();
      if (u < col.mcv_cumulative.back()) {
        const size_t i = static_cast<size_t>(std::upper_bound(col.mcv_cumulative.begin(), col.mcv_cumulative.end(), u) - col.mcv_cumulative.begin());
        cell.text = &col.mcv[std::min(i, col.mcv.size() - 1)];
        continue;
      }
    }
    cell.k = k;
    if (comp.draw == Draw::kHistogram) {
      const size_t buckets = comp.histogram.size() - 1;
      const size_t bucket = comp.histogram_follows_rows
                                ? std::min(buckets - 1, static_cast<size_t>(static_cast<long double>(row) * buckets /
                                                                            static_cast<long double>(std::max<int64_t>(rows_, 1))))
                                : static_cast<size_t>(rng.Below(buckets));
      const int64_t lo = comp.histogram[bucket], hi = comp.histogram[bucket + 1];
      cell.has_units = true;
      cell.units = lo + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(hi - lo) + 1));
      continue;
    }
    if (col.domain.ordered() && col.depends_on < 0) {
      const ValueDomain& domain = DomainFor(comp.columns[0], row);
      cell.has_units = true;
      cell.units = domain.Units(k % std::max<uint64_t>(domain.size(), 1));
    }
  }
  for (int index : dependent_order_) {
    const ColumnPlan& col = columns_[static_cast<size_t>(index)];
    Cell& cell = scratch->cells[static_cast<size_t>(index)];
    if (cell.null || cell.text != nullptr) continue;
    const Cell& source = scratch->cells[static_cast<size_t>(col.depends_on)];
    if (source.null || !source.has_units) continue;  // NULL passes the CHECK; keep the independent value
    Rng rng(HashCombine(components_[static_cast<size_t>(col.component)].stream, 0x5eed), static_cast<uint64_t>(row));
    const int64_t span = std::max<int64_t>(0, col.max_delta - col.min_delta);
    const int64_t delta = col.min_delta + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(span) + 1));
    int64_t units = col.above ? source.units + delta : source.units - delta;
    if (col.above) units = std::min(units, col.domain.high());
    else units = std::max(units, col.domain.low());
    cell.has_units = true;
    cell.units = units;
  }
  for (const NonNullGroup& group : non_null_groups_) {
    if (wanted != nullptr) break;
    Rng rng(group.stream, static_cast<uint64_t>(row));
    const int n = static_cast<int>(group.columns.size());
    int want = group.min + static_cast<int>(rng.Below(static_cast<uint64_t>(group.max - group.min + 1)));
    // Required columns first, then a random choice among the others.
    std::vector<int> order;
    for (int column : group.columns) {
      if (columns_[static_cast<size_t>(column)].not_null) order.insert(order.begin(), column);
      else order.push_back(column);
    }
    int required = 0;
    for (int column : order) required += columns_[static_cast<size_t>(column)].not_null;
    for (int i = n - 1; i > required; --i) {
      const int j = required + static_cast<int>(rng.Below(static_cast<uint64_t>(i - required + 1)));
      std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(j)]);
    }
    for (int i = 0; i < n; ++i) {
      const int column = order[static_cast<size_t>(i)];
      Cell& cell = scratch->cells[static_cast<size_t>(column)];
      if (i < want) {
        if (cell.null) {
          // Needs a value: draw one regardless of the null fraction.
          const Component& comp = components_[static_cast<size_t>(columns_[static_cast<size_t>(column)].component)];
          Rng value_rng(HashCombine(comp.stream, 1), static_cast<uint64_t>(row));
          if (comp.foreign_key) {
            if (comp.provider == nullptr && keys_) comp.provider = keys_(comp.parent, comp.parent_columns);
            if (comp.provider == nullptr || comp.provider->size() == 0) continue;
            auto& values = scratch->fk_values[static_cast<size_t>(columns_[static_cast<size_t>(column)].component)];
            comp.provider->Fetch(DrawIndex(comp, row, value_rng) % comp.provider->size(), &values);
            cell = Cell();
            cell.text = &values[0];
          } else if (!columns_[static_cast<size_t>(column)].always_null) {
            cell = Cell();
            cell.k = DrawIndex(comp, row, value_rng);
            const ValueDomain& domain = DomainFor(column, row);
            if (domain.ordered()) {
              cell.has_units = true;
              cell.units = domain.Units(cell.k % std::max<uint64_t>(domain.size(), 1));
            }
          }
        }
      } else {
        cell = Cell();
        cell.null = true;
      }
    }
  }
}

void TablePlan::AppendCell(int column, int64_t row, const Cell& cell, std::string* out) const {
  CopyRowWriter writer(out);
  if (cell.null) {
    out->append("\\N");
    return;
  }
  const size_t start = out->size();
  if (cell.text != nullptr) {
    out->append(*cell.text);
  } else {
    const ValueDomain& domain = DomainFor(column, row);
    if (cell.has_units) domain.AppendUnits(cell.units, out);
    else domain.Append(cell.k % std::max<uint64_t>(domain.size(), 1), out);
  }
  // Escape in place when the value holds a character COPY treats specially.
  for (size_t i = start; i < out->size(); ++i) {
    const char c = (*out)[i];
    if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
      const std::string raw = out->substr(start);
      out->resize(start);
      out->append(CopyEscape(raw));
      return;
    }
  }
}

void TablePlan::AppendRow(int64_t row, std::string* out) const {
  ComputeRow(row, &scratch_);
  bool first = true;
  for (int column : copy_order_) {
    if (!first) out->push_back('\t');
    first = false;
    AppendCell(column, row, scratch_.cells[static_cast<size_t>(column)], out);
  }
  out->push_back('\n');
}

void TablePlan::AppendColumns(int64_t row, const std::vector<std::string>& columns, bool with_null_first,
                              std::string* out) const {
  ComputeRow(row, &scratch_);
  bool first = true;
  for (const auto& name : columns) {
    const int column = ColumnIndex(name);
    if (!first) out->push_back('\t');
    first = false;
    if (column < 0) {
      out->append("\\N");
      continue;
    }
    const Component& comp = components_[static_cast<size_t>(columns_[static_cast<size_t>(column)].component)];
    if (with_null_first && comp.null_first) {
      // The value the cycle-breaking NULL stands for: drawn as if the foreign key were loaded normally.
      Rng rng(comp.stream, static_cast<uint64_t>(row));
      if (comp.null_frac > 0 && rng.Chance(comp.null_frac)) {
        out->append("\\N");
        continue;
      }
      if (comp.provider == nullptr && keys_) comp.provider = keys_(comp.parent, comp.parent_columns);
      if (comp.provider == nullptr || comp.provider->size() == 0) {
        out->append("\\N");
        continue;
      }
      std::vector<std::string> values;
      comp.provider->Fetch(DrawIndex(comp, row, rng) % comp.provider->size(), &values);
      const size_t position = static_cast<size_t>(columns_[static_cast<size_t>(column)].fk_position);
      out->append(CopyEscape(position < values.size() ? values[position] : ""));
      continue;
    }
    AppendCell(column, row, scratch_.cells[static_cast<size_t>(column)], out);
  }
  out->push_back('\n');
}

}  // namespace dbarch::verify::datagen
