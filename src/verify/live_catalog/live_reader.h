// Internals of ReadLiveCatalog (verify/live_catalog.h), shared by the files of src/verify/live_catalog/: one
// file per family of objects, each reading its objects for the whole database with one or two catalog
// queries (never one per table), so a schema of thousands of tables reads in well under a second.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/catalog.h"
#include "verify/live_catalog.h"
#include "verify/pg_connection.h"

namespace dbarch::verify::live {

using Oid = uint32_t;

// A pg_type row as the model names it.
struct TypeInfo {
  std::string name;   // "integer", "character varying", "public.mood" (enums/domains: schema.name)
  bool user = false;  // an enum or domain outside the system schemas
  bool array = false;
  Oid element = 0;
};

struct LiveReader {
  PgConnection& connection;
  const LiveCatalogOptions& options;
  std::vector<std::string>* notes;
  model::Catalog& catalog;
  SourceLocation location;  // file "db:<dbname>": where every object read comes from

  // What later steps look objects up by.
  std::map<Oid, TypeInfo> types;
  std::map<Oid, std::string> schemas;                        // namespace oid → name
  std::map<Oid, model::QualifiedName> relations;             // tables, views, sequences
  std::map<Oid, model::QualifiedName> indexes;
  std::map<std::pair<Oid, int>, std::string> columns;        // (relation, attnum) → column name
  std::map<Oid, std::pair<model::QualifiedName, std::string>> constraints;  // oid → (table, name)
  std::map<Oid, model::QualifiedName> user_types;            // enums and domains
  std::map<Oid, std::string> functions;                      // oid → key in catalog.functions
  std::set<std::string> referenced_roles;                    // grantees and policy roles

  // Runs a catalog query inside a savepoint. $1 is the schema filter (a text[]) when the query uses it.
  // A failure (typically insufficient privileges) rolls back to the savepoint, adds a note naming `what`
  // and returns nullopt, so the other steps still run.
  std::optional<PgResult> Query(std::string_view what, const std::string& sql, bool uses_schema_filter = true);
  void Note(std::string note);

  // The model's name of a type: element type name, array dimensions, modifiers from format_type() output.
  model::TypeName TypeOf(Oid type, int typmod_dims, const std::string& formatted_with_typmod) const;
  // Type as written in a function signature: "integer", "public.mood", "text[]".
  std::string SignatureType(Oid type) const;
  std::string ColumnName(Oid relation, int attnum) const;
};

// SQL predicate: the namespace alias `n` is a user schema selected by the options ($1).
std::string SchemaFilter(std::string_view n = "n");
// SQL predicate: object `oid_expr` of catalog `catalog` is not a member of an extension.
std::string NotExtensionMember(std::string_view catalog, std::string_view oid_expr);
Oid ToOid(std::string_view text);

// One step per object family; each fills catalog and the lookup maps.
Status ReadTypes(LiveReader& r);
void ReadSchemas(LiveReader& r);
void ReadExtensions(LiveReader& r);
void ReadEnumsAndDomains(LiveReader& r);
Status ReadRelations(LiveReader& r);  // tables, views, sequences, columns, inheritance, partitions
void ReadSequences(LiveReader& r);
void ReadConstraints(LiveReader& r);
void ReadIndexes(LiveReader& r);
void ReadViewDependencies(LiveReader& r);
void ReadFunctions(LiveReader& r);
void ReadTriggers(LiveReader& r);
void ReadPolicies(LiveReader& r);
void ReadGrants(LiveReader& r);
void ReadRoles(LiveReader& r);
void ReadComments(LiveReader& r);

}  // namespace dbarch::verify::live
