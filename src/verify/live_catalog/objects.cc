// Types, schemas, extensions, enums, domains and comments.
#include <fmt/format.h>

#include "verify/live_catalog/live_reader.h"

namespace dbarch::verify::live {

Status ReadTypes(LiveReader& r) {
  // Every type, system ones included: columns and signatures use them. A few thousand rows at most.
  auto result = r.Query("types", R"(
SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory = 'A' AND t.typelem <> 0 AS is_array, t.typelem,
       pg_catalog.format_type(t.oid, NULL) AS formatted,
       n.nspname IN ('pg_catalog', 'information_schema') OR n.nspname ~ '^pg_(toast|temp_)' AS system
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace)",
                        false);
  if (!result) return Status::Unavailable("cannot read pg_type (see the notes)");
  for (int i = 0; i < result->rows(); ++i) {
    TypeInfo info;
    std::string typtype = result->Get(i, "typtype");
    info.user = (typtype == "e" || typtype == "d") && !result->GetBool(i, "system");
    info.name = info.user ? result->Get(i, "nspname") + "." + result->Get(i, "typname") : result->Get(i, "formatted");
    info.array = result->GetBool(i, "is_array");
    info.element = ToOid(result->Get(i, "typelem"));
    r.types[ToOid(result->Get(i, "oid"))] = std::move(info);
  }
  return Status::Ok();
}

void ReadSchemas(LiveReader& r) {
  auto result = r.Query("schemas", "SELECT n.oid, n.nspname, pg_catalog.pg_get_userbyid(n.nspowner) AS owner "
                                   "FROM pg_catalog.pg_namespace n WHERE " +
                                       SchemaFilter() + " AND " + NotExtensionMember("pg_namespace", "n.oid"));
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    std::string name = result->Get(i, "nspname");
    model::Schema& schema = r.catalog.schemas[name];
    schema.name = name;
    schema.owner = result->Get(i, "owner");
    schema.location = r.location;
    r.schemas[ToOid(result->Get(i, "oid"))] = name;
  }
}

void ReadExtensions(LiveReader& r) {
  // plpgsql is in every database from the start; a schema never creates it.
  auto result = r.Query("extensions", "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e "
                                      "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
                                      "WHERE e.extname <> 'plpgsql'",
                        false);
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    model::Extension ext;
    ext.name = result->Get(i, "extname");
    ext.schema = result->Get(i, "nspname");
    ext.location = r.location;
    r.catalog.extensions[ext.name] = std::move(ext);
  }
}

void ReadEnumsAndDomains(LiveReader& r) {
  auto result = r.Query("enums and domains", R"(
SELECT t.oid, n.nspname, t.typname, t.typtype, t.typbasetype, t.typndims, t.typnotnull,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_formatted,
       pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default_expr,
       ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
         AS labels,
       ARRAY(SELECT pg_catalog.pg_get_expr(c.conbin, 0) FROM pg_catalog.pg_constraint c
             WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.oid) AS checks,
       ARRAY(SELECT c.conname FROM pg_catalog.pg_constraint c
             WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.oid) AS check_names
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype IN ('e', 'd') AND )" + SchemaFilter() + " AND " + NotExtensionMember("pg_type", "t.oid"));
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    model::QualifiedName name{result->Get(i, "nspname"), result->Get(i, "typname")};
    r.user_types[ToOid(result->Get(i, "oid"))] = name;
    if (result->Get(i, "typtype") == "e") {
      model::EnumType e;
      e.name = name;
      e.values = result->GetArray(i, "labels");
      e.location = r.location;
      r.catalog.enums[name] = std::move(e);
      continue;
    }
    model::Domain d;
    d.name = name;
    d.base_type = r.TypeOf(ToOid(result->Get(i, "typbasetype")), static_cast<int>(result->GetInt(i, "typndims")),
                           result->Get(i, "base_formatted"));
    d.not_null = result->GetBool(i, "typnotnull");
    d.default_expr = result->GetOptional(i, "default_expr");
    d.checks = result->GetArray(i, "checks");
    d.check_names = result->GetArray(i, "check_names");
    d.location = r.location;
    r.catalog.domains[name] = std::move(d);
  }
}

void ReadComments(LiveReader& r) {
  // User objects have OIDs from FirstNormalObjectId (16384) on, which leaves out the system's comments.
  auto result = r.Query("comments", R"(
SELECT d.classoid::pg_catalog.regclass::text AS catalog, d.objoid, d.objsubid, d.description
FROM pg_catalog.pg_description d
WHERE d.objoid >= 16384 AND d.classoid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_constraint'::regclass,
                                          'pg_catalog.pg_type'::regclass, 'pg_catalog.pg_proc'::regclass,
                                          'pg_catalog.pg_namespace'::regclass))",
                        false);
  if (!result) return;
  auto& catalog = r.catalog;
  for (int i = 0; i < result->rows(); ++i) {
    std::string kind = result->Get(i, "catalog");
    Oid oid = ToOid(result->Get(i, "objoid"));
    int sub = static_cast<int>(result->GetInt(i, "objsubid"));
    std::string text = result->Get(i, "description");
    if (kind == "pg_class") {
      if (auto rel = r.relations.find(oid); rel != r.relations.end()) {
        model::Table* table = catalog.FindTable(rel->second);
        if (sub != 0) {
          model::Column* column = table ? table->FindColumn(r.ColumnName(oid, sub)) : nullptr;
          if (column) column->comment = text;
        } else if (table) {
          table->comment = text;
        } else if (auto v = catalog.views.find(rel->second); v != catalog.views.end()) {
          v->second.comment = text;
        }
      } else if (auto idx = r.indexes.find(oid); idx != r.indexes.end()) {
        catalog.indexes.Modify(idx->second, [&](model::Index& index) { index.comment = text; });
      }
    } else if (kind == "pg_constraint") {
      auto con = r.constraints.find(oid);
      model::Table* table = con == r.constraints.end() ? nullptr : catalog.FindTable(con->second.first);
      if (!table) continue;
      for (auto& c : table->constraints) {
        if (c.name == con->second.second) c.comment = text;
      }
    } else if (kind == "pg_type") {
      auto type = r.user_types.find(oid);
      if (type == r.user_types.end()) continue;
      if (auto e = catalog.enums.find(type->second); e != catalog.enums.end()) e->second.comment = text;
      if (auto d = catalog.domains.find(type->second); d != catalog.domains.end()) d->second.comment = text;
    } else if (kind == "pg_proc") {
      if (auto f = r.functions.find(oid); f != r.functions.end()) catalog.functions.at(f->second).comment = text;
    } else if (kind == "pg_namespace") {
      if (auto s = r.schemas.find(oid); s != r.schemas.end()) catalog.schemas.at(s->second).comment = text;
    }
  }
}

}  // namespace dbarch::verify::live
