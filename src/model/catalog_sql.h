// The model as a SQL script: the statements that create, in an empty database, the schema a Catalog
// describes. Used to build the scratch copy of a live database's schema and by the migration planner.
//
// Order (each object after what it needs): roles (optional), schemas, extensions, enums, functions that
// need only built-in/enum types, domains, functions with domain arguments, standalone and serial sequences,
// tables (parents before partitions and children; columns, defaults, identity, generated columns, PRIMARY
// KEY/UNIQUE/CHECK/EXCLUDE), OWNED BY of serial sequences, NOT VALID checks, foreign keys (after all tables),
// indexes that back no constraint, functions whose signature names a table's row type, views and
// materialized views (readers after what they read) and their indexes, SQL-standard-body functions,
// triggers, row-level security and policies, comments, grants (optional).
//
// Names of created objects are always schema-qualified. Expressions are written as the model holds them;
// the script sets search_path to "public" followed by the model's other schemas so unqualified names in
// them resolve as they did where the model was read. `SET check_function_bodies = off` lets functions
// refer to objects created later, as pg_dump does.
//
// What the model does not hold cannot be written: function argument names/modes/defaults and the value of a
// function's search_path when the model does not know them (a live-read model does; without them the
// argument types are written, and `SET search_path = pg_catalog, public` when sets_search_path), trigger
// arguments, constraint-trigger deferrability, storage parameters, tablespaces, owners (unless
// include_owners), column statistics.
#pragma once

#include <string>

#include "model/catalog.h"

namespace dbarch::model {

struct CatalogSqlOptions {
  bool include_roles = false;   // CREATE ROLE for the model's roles, idempotent (roles are cluster-wide)
  bool include_grants = false;  // GRANT statements for the model's grants
  bool include_owners = false;  // CREATE SCHEMA … AUTHORIZATION owner
  bool include_extensions = true;
};

std::string CatalogToSql(const Catalog& catalog, const CatalogSqlOptions& options = {});

// The object of a GRANT/REVOKE as SQL ("TABLE public.orders", "SCHEMA app", "FUNCTION public.f(integer)"), quoted.
std::string GrantTargetSql(const std::string& object_kind, const std::string& object);

// Pieces shared with the migration planner: the SQL text of one object, without a trailing semicolon.
std::string TypeSql(const TypeName& type);
std::string ColumnDefinitionSql(const Catalog& catalog, const Table& table, const Column& column);
std::string ConstraintSql(const Catalog& catalog, const Table& table, const Constraint& constraint);  // "CONSTRAINT n …"
// CREATE TABLE (or CREATE TABLE … PARTITION OF) with columns and inline constraints — all but foreign keys
// and NOT VALID checks, as in the script — each statement ending in ";\n".
std::string TableSql(const Catalog& catalog, const Table& table);
std::string IndexSql(const Index& index);
std::string ViewSql(const View& view);
std::string FunctionSql(const Catalog& catalog, const Function& function);
std::string TriggerSql(const Trigger& trigger);
std::string PolicySql(const Policy& policy);

}  // namespace dbarch::model
