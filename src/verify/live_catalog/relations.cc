// Tables, views, materialized views and sequences; columns; inheritance and partitioning; what views read.
#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "sql/parser.h"
#include "verify/live_catalog/live_reader.h"

namespace dbarch::verify::live {
namespace {

// pg_get_partkeydef() output ("RANGE (created_at)", "LIST (lower(code))") read back with PostgreSQL's
// grammar: one entry per key, a column name or a deparsed expression, as the DDL path records them.
std::vector<std::string> PartitionKeys(const std::string& definition) {
  std::vector<std::string> keys;
  auto parsed = sql::ParseOne("CREATE TABLE _keys () PARTITION BY " + definition);
  if (!parsed.ok() || !parsed->has_create_stmt()) return keys;
  for (const auto& param : parsed->create_stmt().partspec().part_params()) {
    const auto& elem = param.partition_elem();
    keys.push_back(elem.name().empty() ? sql::DeparseExpr(elem.expr()) : elem.name());
  }
  return keys;
}

void ReadColumns(LiveReader& r) {
  // from_serial: the default's expression depends on a sequence that this very column owns (deptype 'a'),
  // which is what serial creates (and what pg_dump writes for it).
  auto result = r.Query("columns", R"(
SELECT a.attrelid, a.attnum, a.attname, a.atttypid, a.attndims, a.attnotnull, a.attidentity, a.attgenerated,
       CASE WHEN a.atttypmod >= 0 THEN pg_catalog.format_type(a.atttypid, a.atttypmod) END AS formatted,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,
       CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN
         (SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN co.collname ELSE cn.nspname || '.' || co.collname END
          FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
          WHERE co.oid = a.attcollation) END AS collation,
       ad.oid IS NOT NULL AND EXISTS (
         SELECT 1 FROM pg_catalog.pg_depend dd
         JOIN pg_catalog.pg_depend od ON od.classid = 'pg_catalog.pg_class'::regclass AND od.objid = dd.refobjid
              AND od.refclassid = 'pg_catalog.pg_class'::regclass AND od.refobjid = a.attrelid
              AND od.refobjsubid = a.attnum AND od.deptype = 'a'
         WHERE dd.classid = 'pg_catalog.pg_attrdef'::regclass AND dd.objid = ad.oid
           AND dd.refclassid = 'pg_catalog.pg_class'::regclass) AS from_serial
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND )" +
                                       SchemaFilter() + " AND " + NotExtensionMember("pg_class", "c.oid") +
                                       "\nORDER BY a.attrelid, a.attnum");
  if (!result) return;
  auto& catalog = r.catalog;
  for (int i = 0; i < result->rows(); ++i) {
    Oid relid = ToOid(result->Get(i, "attrelid"));
    std::string name = result->Get(i, "attname");
    r.columns[{relid, static_cast<int>(result->GetInt(i, "attnum"))}] = name;
    auto rel = r.relations.find(relid);
    if (rel == r.relations.end()) continue;
    if (auto v = catalog.views.find(rel->second); v != catalog.views.end()) {
      v->second.columns.push_back(name);
      continue;
    }
    model::Table* table = catalog.FindTable(rel->second);
    if (!table) continue;
    model::Column col;
    col.name = name;
    col.type = r.TypeOf(ToOid(result->Get(i, "atttypid")), static_cast<int>(result->GetInt(i, "attndims")),
                        result->Get(i, "formatted"));
    col.not_null = result->GetBool(i, "attnotnull");
    std::string identity = result->Get(i, "attidentity");
    col.identity = identity == "a"   ? model::IdentityKind::kAlways
                   : identity == "d" ? model::IdentityKind::kByDefault
                                     : model::IdentityKind::kNone;
    auto expr = result->GetOptional(i, "default_expr");
    if (result->Get(i, "attgenerated") == "s") col.generated_expr = expr;
    else col.default_expr = expr;
    col.from_serial = result->GetBool(i, "from_serial");
    col.collation = result->Get(i, "collation");
    col.location = r.location;
    table->columns.push_back(std::move(col));
  }
}

void ReadInheritance(LiveReader& r) {
  auto result = r.Query("inheritance", R"(
SELECT i.inhrelid, pn.nspname, p.relname, c.relispartition
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relkind IN ('r', 'p', 'f') AND )" + SchemaFilter() +
                                            "\nORDER BY i.inhrelid, i.inhseqno");
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    auto rel = r.relations.find(ToOid(result->Get(i, "inhrelid")));
    model::Table* table = rel == r.relations.end() ? nullptr : r.catalog.FindTable(rel->second);
    if (!table) continue;
    model::QualifiedName parent{result->Get(i, "nspname"), result->Get(i, "relname")};
    if (result->GetBool(i, "relispartition")) table->partition_of = parent;
    else table->inherits.push_back(parent);
  }
}

}  // namespace

Status ReadRelations(LiveReader& r) {
  auto result = r.Query("relations", R"(
SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
       c.relispopulated, pg_catalog.pg_get_expr(c.relpartbound, c.oid) AS partition_bound,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS definition
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND )" + SchemaFilter() + " AND " +
                                            NotExtensionMember("pg_class", "c.oid"));
  if (!result) return Status::Unavailable("cannot read pg_class (see the notes)");
  auto& catalog = r.catalog;
  for (int i = 0; i < result->rows(); ++i) {
    model::QualifiedName name{result->Get(i, "nspname"), result->Get(i, "relname")};
    std::string kind = result->Get(i, "relkind");
    r.relations[ToOid(result->Get(i, "oid"))] = name;
    if (kind == "S") continue;  // ReadSequences fills them
    if (kind == "v" || kind == "m") {
      model::View view;
      view.name = name;
      view.materialized = kind == "m";
      view.definition = result->Get(i, "definition");
      view.with_data = !view.materialized || result->GetBool(i, "relispopulated");
      view.location = r.location;
      catalog.views[name] = std::move(view);
      continue;
    }
    model::Table table;
    table.name = name;
    table.kind = kind == "p" ? model::TableKind::kPartitioned
                 : kind == "f" ? model::TableKind::kForeign
                               : model::TableKind::kOrdinary;
    table.unlogged = result->Get(i, "relpersistence") == "u";
    table.temporary = result->Get(i, "relpersistence") == "t";
    table.rls_enabled = result->GetBool(i, "relrowsecurity");
    table.rls_forced = result->GetBool(i, "relforcerowsecurity");
    table.partition_bound = result->Get(i, "partition_bound");
    if (kind == "p") {
      std::string key = result->Get(i, "partition_key");
      std::string strategy = key.substr(0, key.find(' '));
      std::transform(strategy.begin(), strategy.end(), strategy.begin(), [](unsigned char c) { return std::tolower(c); });
      table.partition_strategy = strategy;
      table.partition_keys = PartitionKeys(key);
    }
    table.location = r.location;
    catalog.tables[name] = std::move(table);
  }
  ReadColumns(r);
  ReadInheritance(r);
  return Status::Ok();
}

void ReadSequences(LiveReader& r) {
  auto result = r.Query("sequences", R"(
SELECT s.seqrelid, pg_catalog.format_type(s.seqtypid, NULL) AS data_type, s.seqstart, s.seqincrement, s.seqmax,
       s.seqmin, s.seqcycle, tn.nspname AS owner_schema, tc.relname AS owner_table, ta.attname AS owner_column
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.seqrelid
     AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
WHERE )" + SchemaFilter() + " AND " + NotExtensionMember("pg_class", "c.oid"));
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    auto rel = r.relations.find(ToOid(result->Get(i, "seqrelid")));
    if (rel == r.relations.end()) continue;
    model::Sequence seq;
    seq.name = rel->second;
    seq.data_type = result->Get(i, "data_type");
    // Options equal to what PostgreSQL derives when they are not given stay unset, as in DDL that omits them.
    int64_t type_min = std::numeric_limits<int64_t>::min();
    int64_t type_max = std::numeric_limits<int64_t>::max();
    if (seq.data_type == "integer") {
      type_min = std::numeric_limits<int32_t>::min();
      type_max = std::numeric_limits<int32_t>::max();
    } else if (seq.data_type == "smallint") {
      type_min = std::numeric_limits<int16_t>::min();
      type_max = std::numeric_limits<int16_t>::max();
    }
    int64_t increment = result->GetInt(i, "seqincrement");
    int64_t min = result->GetInt(i, "seqmin");
    int64_t max = result->GetInt(i, "seqmax");
    int64_t start = result->GetInt(i, "seqstart");
    bool ascending = increment > 0;
    if (increment != 1) seq.increment = increment;
    if (min != (ascending ? 1 : type_min)) seq.min_value = min;
    if (max != (ascending ? type_max : -1)) seq.max_value = max;
    if (start != (ascending ? min : max)) seq.start = start;
    seq.cycle = result->GetBool(i, "seqcycle");
    if (auto table = result->GetOptional(i, "owner_table")) {
      seq.owned_by_table = model::QualifiedName{result->Get(i, "owner_schema"), *table};
      seq.owned_by_column = result->Get(i, "owner_column");
    }
    seq.location = r.location;
    r.catalog.sequences[seq.name] = std::move(seq);
  }
}

void ReadViewDependencies(LiveReader& r) {
  if (r.catalog.views.empty()) return;
  auto result = r.Query("view dependencies", R"(
SELECT DISTINCT rw.ev_class, rn.nspname, rc.relname
FROM pg_catalog.pg_rewrite rw
JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = rw.oid
     AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> rw.ev_class
JOIN pg_catalog.pg_class rc ON rc.oid = d.refobjid
JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.relkind IN ('v', 'm') AND rc.relkind IN ('r', 'p', 'f', 'v', 'm') AND )" +
                                             SchemaFilter() + "\nORDER BY 1, 2, 3");
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    auto rel = r.relations.find(ToOid(result->Get(i, "ev_class")));
    if (rel == r.relations.end()) continue;
    auto view = r.catalog.views.find(rel->second);
    if (view != r.catalog.views.end()) view->second.reads.push_back({result->Get(i, "nspname"), result->Get(i, "relname")});
  }
}

}  // namespace dbarch::verify::live
