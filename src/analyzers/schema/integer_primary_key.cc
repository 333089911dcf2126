// schema/integer-primary-key: a generated int4/int2 surrogate key that will run out of values.
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/schema_check.h"

namespace dbarch::analyzers::schema {

namespace {

struct Limit {
  const char* bits;
  long long max;
};

std::optional<Limit> NarrowInteger(const model::TypeName& type) {
  if (type.array_dims != 0) return std::nullopt;
  if (type.name == "integer") return Limit{"32", 2147483647LL};
  if (type.name == "smallint") return Limit{"16", 32767LL};
  return std::nullopt;
}

// Single-column foreign keys by the table they reference, in catalog order (a finding lists its referencing
// columns in that order). Looked up once per finding: scanning every table's constraints per finding was a
// pass over the whole catalog for each of hundreds of findings.
struct ReferencingKey {
  const model::QualifiedName* table_name;
  const model::Table* table;
  const model::Constraint* key;
};
using ReferencingKeys = std::map<model::QualifiedName, std::vector<ReferencingKey>>;

ReferencingKeys SingleColumnForeignKeys(const model::Catalog& catalog) {
  ReferencingKeys by_referenced;
  for (const auto& [child_name, child] : catalog.tables) {
    if (IsPartition(child)) continue;
    for (const auto& fk : child.constraints) {
      if (fk.kind == model::ConstraintKind::kForeignKey && fk.columns.size() == 1)
        by_referenced[fk.referenced_table].push_back({&child_name, &child, &fk});
    }
  }
  return by_referenced;
}

void Run(const SchemaCheck& self, const model::Catalog& catalog, Findings* out) {
  const SequenceOwners owners(catalog);
  std::optional<ReferencingKeys> referencing;  // built at the first finding
  for (const auto& [name, table] : catalog.tables) {
    if (IsPartition(table)) continue;
    const model::Constraint* pk = table.PrimaryKey();
    if (!pk || pk->columns.size() != 1) continue;
    const model::Column* column = table.FindColumn(pk->columns[0]);
    if (!column) continue;
    auto limit = NarrowInteger(column->type);
    if (!limit) continue;
    // Only generated keys grow without bound; a hand-assigned integer code (a lookup table) does not.
    std::optional<model::QualifiedName> sequence = DefaultSequence(owners, table, *column);
    bool generated = column->from_serial || column->identity != model::IdentityKind::kNone || sequence;
    if (!generated) continue;

    std::string table_sql = name.ToSql();
    std::string col = model::QuoteIdent(column->name);
    Finding f = self.NewFinding(column->location.known() ? column->location : table.location,
                                name.ToString() + "." + column->name);
    f.message = fmt::format("Primary key {}.{} is a generated {} and will overflow at {}.", name.ToString(),
                            column->name, column->type.ToSql(), limit->max);
    f.explanation = fmt::format(
        "A {}-bit key runs out after {} values (sequence gaps from rollbacks and ON CONFLICT inserts use "
        "values too); then every INSERT fails with \"nextval: reached maximum value\" or \"integer out of "
        "range\". At 100 inserts per second an int4 key lasts about 8 months, at 10 per second about 7 "
        "years — check `SELECT last_value FROM <sequence>` to see how close it is. bigint costs 4 more bytes "
        "per row and index entry. The fix (ALTER COLUMN … TYPE bigint) REWRITES the table and all its "
        "indexes under an ACCESS EXCLUSIVE lock, and every referencing foreign key column must change too "
        "(each a rewrite of its table). Online alternative for big tables: add a bigint column, fill it with "
        "a trigger plus batched backfill, build a unique index CONCURRENTLY, then swap keys in one short "
        "transaction (ADD CONSTRAINT … PRIMARY KEY USING INDEX).",
        limit->bits, limit->max);
    f.evidence.push_back(fmt::format("{} {} PRIMARY KEY{}", column->name, column->type.ToSql(),
                                     column->from_serial ? " (serial)"
                                     : column->identity != model::IdentityKind::kNone ? " (identity)"
                                                                                       : ""));
    std::string fix;
    fix += fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE bigint;", table_sql, col);
    if (!referencing) referencing = SingleColumnForeignKeys(catalog);
    if (auto keys = referencing->find(name); keys != referencing->end()) {
      for (const auto& [child_name, child, fk] : keys->second) {
        const model::Column* fk_column = child->FindColumn(fk->columns[0]);
        if (!fk_column || !NarrowInteger(fk_column->type)) continue;
        f.evidence.push_back(fmt::format("referenced by {}.{} ({}) via {}", child_name->ToString(), fk_column->name,
                                         fk_column->type.ToSql(), fk->name));
        fix += fmt::format("\nALTER TABLE {} ALTER COLUMN {} TYPE bigint;", child_name->ToSql(),
                           model::QuoteIdent(fk_column->name));
      }
    }
    // Serial and identity sequences are created AS integer (max 2^31-1) and the column type change does
    // not widen them. Last, with IF EXISTS and the default name, so the step still works after the
    // prefer-identity fix replaced a serial sequence by an identity sequence of the same name.
    model::QualifiedName seq =
        sequence.value_or(model::QualifiedName{name.schema, name.name + "_" + column->name + "_seq"});
    fix += fmt::format("\nALTER SEQUENCE IF EXISTS {} AS bigint;", seq.ToSql());
    f.fix_sql = fix;
    out->push_back(std::move(f));
  }
}

}  // namespace

const SchemaCheck& IntegerPrimaryKeyCheck() {
  static const SchemaCheck kCheck{"schema/integer-primary-key", "int4 surrogate key at overflow risk (2^31)",
                                  Severity::kWarning, &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::schema
