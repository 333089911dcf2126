// Constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, EXCLUDE) and indexes.
#include <algorithm>

#include <fmt/format.h>

#include "verify/live_catalog/live_reader.h"

namespace dbarch::verify::live {
namespace {

model::ReferentialAction ActionOf(const std::string& code) {
  if (code == "r") return model::ReferentialAction::kRestrict;
  if (code == "c") return model::ReferentialAction::kCascade;
  if (code == "n") return model::ReferentialAction::kSetNull;
  if (code == "d") return model::ReferentialAction::kSetDefault;
  return model::ReferentialAction::kNoAction;
}

model::ConstraintKind KindOf(const std::string& code) {
  if (code == "p") return model::ConstraintKind::kPrimaryKey;
  if (code == "u") return model::ConstraintKind::kUnique;
  if (code == "f") return model::ConstraintKind::kForeignKey;
  if (code == "x") return model::ConstraintKind::kExclude;
  return model::ConstraintKind::kCheck;
}

// pg_index.indoption bits (INDOPTION_* in catalog/pg_index.h).
constexpr int kIndexDesc = 1;
constexpr int kIndexNullsFirst = 2;

}  // namespace

void ReadConstraints(LiveReader& r) {
  // conparentid <> 0: a partition's clone of its parent's key or foreign key (recorded once, on the parent).
  auto result = r.Query("constraints", R"(
SELECT con.oid, con.conrelid, con.conname, con.contype, con.condeferrable, con.condeferred, con.convalidated,
       con.confupdtype, con.confdeltype, con.confmatchtype, fn.nspname AS ref_schema, fc.relname AS ref_table,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i)
         AS columns,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.i)
         AS ref_columns,
       ARRAY(SELECT o.oprname FROM unnest(con.conexclop) WITH ORDINALITY k(op, i)
             JOIN pg_catalog.pg_operator o ON o.oid = k.op ORDER BY k.i) AS exclusion_ops,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END AS check_expr
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0 AND )" +
                                       SchemaFilter() + " AND " + NotExtensionMember("pg_class", "c.oid") +
                                       "\nORDER BY con.conrelid, con.oid");
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    auto rel = r.relations.find(ToOid(result->Get(i, "conrelid")));
    model::Table* table = rel == r.relations.end() ? nullptr : r.catalog.FindTable(rel->second);
    if (!table) continue;
    model::Constraint c;
    c.name = result->Get(i, "conname");
    c.kind = KindOf(result->Get(i, "contype"));
    c.columns = result->GetArray(i, "columns");
    c.deferrable = result->GetBool(i, "condeferrable");
    c.initially_deferred = result->GetBool(i, "condeferred");
    c.not_valid = !result->GetBool(i, "convalidated");
    if (c.kind == model::ConstraintKind::kForeignKey) {
      c.referenced_table = {result->Get(i, "ref_schema"), result->Get(i, "ref_table")};
      c.referenced_columns = result->GetArray(i, "ref_columns");
      c.on_delete = ActionOf(result->Get(i, "confdeltype"));
      c.on_update = ActionOf(result->Get(i, "confupdtype"));
      // A catalog cannot tell a written ON DELETE NO ACTION from an omitted one.
      c.on_delete_explicit = c.on_delete != model::ReferentialAction::kNoAction;
      std::string match = result->Get(i, "confmatchtype");
      c.match_type = match == "f" ? "FULL" : match == "p" ? "PARTIAL" : "";
    } else if (c.kind == model::ConstraintKind::kCheck) {
      c.check_expr = result->Get(i, "check_expr");
      c.columns.clear();  // the model lists key columns only; a CHECK's columns are in its expression
    } else if (c.kind == model::ConstraintKind::kExclude) {
      // Elements, method, INCLUDE and WHERE come from the backing index (ReadIndexes).
      for (const auto& op : result->GetArray(i, "exclusion_ops")) c.exclusion_elements.push_back({"", op});
      c.columns.clear();
    }
    c.location = r.location;
    r.constraints[ToOid(result->Get(i, "oid"))] = {table->name, c.name};
    table->constraints.push_back(std::move(c));
  }
}

void ReadIndexes(LiveReader& r) {
  // Indexes attached to a partitioned parent's index (pg_inherits) are the partitions' copies of it.
  auto result = r.Query("indexes", R"(
SELECT i.indexrelid, i.indrelid, ic.relname, n.nspname, am.amname, i.indisunique, i.indisprimary, i.indisvalid,
       i.indnullsnotdistinct, i.indnkeyatts, con.conname, con.contype,
       keys.attnums, keys.key_defs, keys.options, keys.opclasses, keys.collations,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = tc.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
     AND con.contype IN ('p', 'u', 'x')
-- Per index column (key columns first, then INCLUDE columns): the column, the expression text (only for
-- expressions: pg_get_indexdef per column is the costly part), DESC/NULLS bits, the operator class unless
-- it is the default, the collation unless it is the column's or the default.
CROSS JOIN LATERAL (
  SELECT array_agg(i.indkey[k] ORDER BY k) AS attnums,
         array_agg(CASE WHEN i.indkey[k] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, false) END
                   ORDER BY k) AS key_defs,
         array_agg(coalesce(i.indoption[k], 0) ORDER BY k) AS options,
         array_agg(CASE WHEN oc.opcdefault OR oc.oid IS NULL THEN '' ELSE oc.opcname END ORDER BY k) AS opclasses,
         array_agg(CASE WHEN k >= i.indnkeyatts OR i.indcollation[k] = 0 THEN ''
                        WHEN i.indkey[k] <> 0 AND i.indcollation[k] = a.attcollation THEN ''
                        WHEN i.indkey[k] = 0 AND i.indcollation[k] = 100 THEN ''
                        ELSE co.collname END ORDER BY k) AS collations
  FROM generate_series(0, i.indnatts - 1) k
  LEFT JOIN pg_catalog.pg_opclass oc ON k < i.indnkeyatts AND oc.oid = i.indclass[k]
  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
  LEFT JOIN pg_catalog.pg_collation co ON k < i.indnkeyatts AND co.oid = i.indcollation[k]) keys
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits ih WHERE ih.inhrelid = i.indexrelid) AND )" +
                                   SchemaFilter() + " AND " + NotExtensionMember("pg_class", "tc.oid"));
  if (!result) return;
  auto& catalog = r.catalog;
  for (int i = 0; i < result->rows(); ++i) {
    Oid table_oid = ToOid(result->Get(i, "indrelid"));
    auto rel = r.relations.find(table_oid);
    if (rel == r.relations.end()) continue;
    model::Index index;
    index.name = {result->Get(i, "nspname"), result->Get(i, "relname")};
    index.table = rel->second;
    index.method = result->Get(i, "amname");
    index.unique = result->GetBool(i, "indisunique");
    index.primary = result->GetBool(i, "indisprimary");
    index.valid = result->GetBool(i, "indisvalid");
    index.nulls_not_distinct = result->GetBool(i, "indnullsnotdistinct");
    index.constraint_name = result->Get(i, "conname");
    index.predicate = result->Get(i, "predicate");
    auto attnums = result->GetArray(i, "attnums");
    auto defs = result->GetArray(i, "key_defs");
    auto options = result->GetArray(i, "options");
    auto opclasses = result->GetArray(i, "opclasses");
    auto collations = result->GetArray(i, "collations");
    std::size_t key_count = static_cast<std::size_t>(result->GetInt(i, "indnkeyatts"));
    for (std::size_t k = 0; k < attnums.size(); ++k) {
      int attnum = std::atoi(attnums[k].c_str());
      if (k >= key_count) {
        index.include_columns.push_back(r.ColumnName(table_oid, attnum));
        continue;
      }
      model::IndexKey key;
      if (attnum != 0) key.column = r.ColumnName(table_oid, attnum);
      else if (k < defs.size()) key.expression = defs[k];
      if (k < opclasses.size()) key.opclass = opclasses[k];
      if (k < collations.size()) key.collation = collations[k];
      int option = k < options.size() ? std::atoi(options[k].c_str()) : 0;
      key.descending = (option & kIndexDesc) != 0;
      bool nulls_first = (option & kIndexNullsFirst) != 0;
      if (nulls_first != key.descending) key.nulls_first = nulls_first;  // only when not the default
      index.keys.push_back(std::move(key));
    }
    index.location = r.location;
    r.indexes[ToOid(result->Get(i, "indexrelid"))] = index.name;

    // A constraint's index carries what pg_constraint does not: INCLUDE, NULLS NOT DISTINCT, and for
    // EXCLUDE the elements, method and WHERE.
    if (!index.constraint_name.empty()) {
      if (model::Table* table = catalog.FindTable(index.table)) {
        for (auto& c : table->constraints) {
          if (c.name != index.constraint_name) continue;
          c.include_columns = index.include_columns;
          c.nulls_not_distinct = index.nulls_not_distinct;
          if (c.kind != model::ConstraintKind::kExclude) continue;
          c.exclusion_method = index.method;
          c.where_predicate = index.predicate;
          c.columns.clear();
          for (std::size_t k = 0; k < index.keys.size() && k < c.exclusion_elements.size(); ++k) {
            const auto& key = index.keys[k];
            c.exclusion_elements[k].column_or_expression = key.column.empty() ? key.expression : key.column;
            if (!key.column.empty()) c.columns.push_back(key.column);
          }
        }
      }
    }
    catalog.indexes[index.name] = std::move(index);
  }
}

}  // namespace dbarch::verify::live
