// How one table's rows are generated: for every column a value domain (type, CHECK bounds, partition
// bounds), a null fraction and a way of drawing value numbers (sequential or permuted for keys, Zipf for
// foreign keys and repeated values, correlated with row order for creation timestamps, most-common values
// from live statistics); unique keys honoured by construction (one injective column, or a mixed-radix
// enumeration of a composite key's columns); foreign keys drawn from the parent's keys; "a < b" checks by
// deriving b from a. What cannot be honoured by construction is listed (`filters`, `needs_conflict_skip`) so
// the loader can filter through a staging table instead.
//
// Row r's values are a pure function of (seed, table, r), so any row can be produced again, e.g. the key
// of parent row r for a child's foreign key, without storing the parent.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/statistics.h"
#include "verify/datagen/random.h"
#include "verify/datagen/value_domain.h"
#include "verify/datagen/zipf.h"

namespace dbarch::verify::datagen {

// The keys of a loaded (or about to be loaded) parent table, by number: what a foreign key draws from.
class KeyProvider {
 public:
  virtual ~KeyProvider() = default;
  virtual uint64_t size() const = 0;
  // The key's column values as text (COPY-unescaped), in the order the provider was asked for.
  virtual void Fetch(uint64_t index, std::vector<std::string>* values) const = 0;
};

// Keys read back from the database (for parents loaded from CSV or filtered through staging).
class StoredKeys : public KeyProvider {
 public:
  explicit StoredKeys(std::vector<std::vector<std::string>> rows) : rows_(std::move(rows)) {}
  uint64_t size() const override { return rows_.size(); }
  void Fetch(uint64_t index, std::vector<std::string>* values) const override { *values = rows_[index]; }

 private:
  std::vector<std::vector<std::string>> rows_;
};

struct PlanInputs {
  const model::Catalog* catalog = nullptr;
  const model::Statistics* shape = nullptr;  // may be null
  uint64_t seed = 1;
  double zipf_exponent = 0.8;               // skew of foreign keys and repeated values
  std::map<model::QualifiedName, int64_t> row_counts;  // every loadable table's requested rows
  // Foreign keys (table, constraint) that are loaded NULL and filled by an UPDATE later (cycle breaking).
  std::set<std::pair<model::QualifiedName, std::string>> null_first;
  // The key provider of a parent for the given referenced columns, or nullptr when the parent is not loaded
  // yet (its size is then taken from row_counts and the provider is asked for again when rows are made).
  std::function<const KeyProvider*(const model::QualifiedName& parent, const std::vector<std::string>& columns)>
      keys;
};

class TablePlan {
 public:
  static Result<std::unique_ptr<TablePlan>> Build(const PlanInputs& inputs, const model::Table& table);

  const model::QualifiedName& table() const { return table_; }
  int64_t rows() const { return rows_; }
  // The columns COPY writes, in order (generated columns and ones left to their default are absent).
  const std::vector<std::string>& copy_columns() const { return copy_columns_; }
  // Appends row `row` (0 ≤ row < rows()) in COPY text format.
  void AppendRow(int64_t row, std::string* out) const;
  // Appends the listed columns of row `row` (for the UPDATE that fills cycle-breaking foreign keys).
  void AppendColumns(int64_t row, const std::vector<std::string>& columns, bool with_null_first, std::string* out) const;
  // This plan's own keys on `columns` (a PK or UNIQUE column list), computed without a database.
  std::unique_ptr<KeyProvider> Keys(const std::vector<std::string>& columns) const;

  // Expressions (SQL over the table's columns) every row must satisfy but that generation does not
  // guarantee: CHECKs not understood, a domain's CHECK written for the column, overlapping foreign keys.
  const std::vector<std::string>& filters() const { return filters_; }
  // A unique key or exclusion constraint is not guaranteed by construction: skip conflicting rows.
  bool needs_conflict_skip() const { return needs_conflict_skip_; }
  bool needs_staging() const { return !filters_.empty() || needs_conflict_skip_; }
  // Column → the type to stage it as (a domain's base type; filters re-apply the domain's CHECKs).
  const std::map<std::string, std::string>& staging_types() const { return staging_types_; }
  // Foreign keys of this table loaded NULL and filled later: constraint name → its columns.
  const std::map<std::string, std::vector<std::string>>& null_first() const { return null_first_; }
  // Columns with sequences (identity, serial, nextval defaults): the loader moves the sequence past them.
  const std::vector<std::string>& sequence_columns() const { return sequence_columns_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  struct Cell {
    bool null = false;
    bool has_units = false;
    int64_t units = 0;
    uint64_t k = 0;
    const std::string* text = nullptr;
  };
  enum class Draw { kSequential, kPermuted, kUniform, kZipf, kCorrelated, kAntiCorrelated, kHistogram };
  struct ColumnPlan {
    std::string name;
    ValueDomain domain;
    bool not_null = false;
    bool omit = false;           // not written by COPY
    bool always_null = false;    // a type we cannot produce, nullable: NULL
    bool unique = false;
    bool sequence = false;       // identity / serial / nextval default
    int component = -1;
    int fk_position = -1;        // position within its foreign-key component
    // Derived from another column: this = other ± delta (a CHECK "a < b").
    int depends_on = -1;
    bool above = true;           // this > other (true) or this < other
    int64_t min_delta = 0, max_delta = 0;
    // Most common values (live statistics): literal texts with cumulative frequencies.
    std::vector<std::string> mcv;
    std::vector<double> mcv_cumulative;
  };
  struct Component {
    std::vector<int> columns;
    bool foreign_key = false;
    model::QualifiedName parent;
    std::vector<std::string> parent_columns;
    std::string constraint;
    bool null_first = false;
    uint64_t size = 1;
    Draw draw = Draw::kUniform;
    ZipfSampler zipf;
    AffinePermutation scatter;
    double null_frac = 0;
    int combo = -1;
    int digit = 0;
    // kHistogram: equi-depth bucket bounds in units (live pg_stats histogram_bounds); buckets follow row
    // order when the column is correlated with it.
    std::vector<int64_t> histogram;
    bool histogram_follows_rows = false;
    uint64_t stream = 0;
    mutable const KeyProvider* provider = nullptr;
  };
  struct Combo {
    std::vector<int> components;
    std::vector<uint64_t> radices;
    AffinePermutation permutation;
  };
  struct NonNullGroup {
    std::vector<int> columns;
    int min = 0, max = 0;
    uint64_t stream = 0;
  };
  struct Leaf {
    int64_t begin = 0, end = 0;     // rows [begin, end)
    int column = -1;                // partition key column restricted in this leaf
    std::shared_ptr<ValueDomain> domain;
  };
  struct Scratch {
    std::vector<Cell> cells;
    std::vector<std::vector<std::string>> fk_values;
  };

  TablePlan() = default;
  Status Plan(const PlanInputs& inputs, const model::Table& table);
  // Values of row `row`; only the components marked in `wanted` when given.
  void ComputeRow(int64_t row, Scratch* scratch, const std::vector<char>* wanted = nullptr) const;
  uint64_t DrawIndex(const Component& component, int64_t row, Rng& rng) const;
  const ValueDomain& DomainFor(int column, int64_t row) const;
  void AppendCell(int column, int64_t row, const Cell& cell, std::string* out) const;
  int ColumnIndex(const std::string& name) const;

  model::QualifiedName table_;
  int64_t rows_ = 0;
  std::vector<ColumnPlan> columns_;
  std::vector<Component> components_;
  std::vector<Combo> combos_;
  std::vector<NonNullGroup> non_null_groups_;
  std::vector<int> dependent_order_;  // columns derived from others, sources first
  std::vector<Leaf> leaves_;
  std::vector<int> copy_order_;       // column indexes written by COPY
  std::vector<std::string> copy_columns_;
  std::vector<std::string> filters_;
  bool needs_conflict_skip_ = false;
  std::map<std::string, std::string> staging_types_;
  std::map<std::string, std::vector<std::string>> null_first_;
  std::vector<std::string> sequence_columns_;
  std::vector<std::string> notes_;
  std::function<const KeyProvider*(const model::QualifiedName&, const std::vector<std::string>&)> keys_;
  mutable Scratch scratch_;
  mutable std::unique_ptr<KeyProvider> self_keys_;  // a foreign key to this very table
  friend class PlanKeys;
};

}  // namespace dbarch::verify::datagen
