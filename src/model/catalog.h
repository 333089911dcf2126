// The schema model: every object dbarch knows about, as plain data. Built by replaying DDL
// (sources/ddl_loader) or by reading a live pg_catalog (verify/live_catalog), and compared,
// diffed and rendered by everything downstream. Names are stored as PostgreSQL stores them: unquoted
// identifiers folded to lower case, quoted ones verbatim. Objects without an explicit schema are placed in
// "public" (the default search_path).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dbarch/location.h"
#include "model/index.h"
#include "model/index_map.h"
#include "model/qualified_name.h"

namespace dbarch::model {

struct TypeName {
  // Canonical PostgreSQL spelling as format_type() prints it: "integer", "bigint", "character varying",
  // "timestamp without time zone", "numeric", "text", "jsonb", or a user type's qualified name.
  std::string name;
  std::vector<std::string> modifiers;  // typmods as written, e.g. {"255"} or {"10","2"}
  int array_dims = 0;
  bool is_user_type = false;  // an enum, domain or composite declared in the catalog
  // "character varying(255)", "numeric(10,2)[]", "timestamp(3) with time zone"
  std::string ToSql() const;
  friend bool operator==(const TypeName&, const TypeName&) = default;
};

enum class IdentityKind { kNone, kAlways, kByDefault };

struct Column {
  std::string name;
  TypeName type;
  bool not_null = false;
  std::optional<std::string> default_expr;    // deparsed SQL
  IdentityKind identity = IdentityKind::kNone;
  bool from_serial = false;                   // declared as serial/bigserial/smallserial
  std::optional<std::string> generated_expr;  // GENERATED ALWAYS AS (expr) STORED
  std::string collation;
  std::optional<std::string> comment;
  SourceLocation location;
};

enum class ConstraintKind { kPrimaryKey, kUnique, kForeignKey, kCheck, kExclude };
enum class ReferentialAction { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

struct ExclusionElement {
  std::string column_or_expression;
  std::string op;  // e.g. "&&", "="
};

struct Constraint {
  std::string name;  // explicit, or PostgreSQL's default naming (orders_pkey, orders_customer_id_fkey …)
  ConstraintKind kind = ConstraintKind::kCheck;
  std::vector<std::string> columns;  // key columns; for a FK the referencing columns
  // Foreign keys:
  QualifiedName referenced_table;
  std::vector<std::string> referenced_columns;  // filled with the referenced PK when omitted and known
  ReferentialAction on_delete = ReferentialAction::kNoAction;
  ReferentialAction on_update = ReferentialAction::kNoAction;
  bool on_delete_explicit = false;  // ON DELETE was written (NO ACTION written counts)
  std::string match_type;           // "", "FULL", "PARTIAL", "SIMPLE"
  // Checks:
  std::string check_expr;  // deparsed
  // Exclusion constraints:
  std::string exclusion_method;  // "gist", …
  std::vector<ExclusionElement> exclusion_elements;
  std::string where_predicate;   // EXCLUDE … WHERE (…)
  // Unique / PK:
  std::vector<std::string> include_columns;
  bool nulls_not_distinct = false;
  std::string using_index;  // ADD CONSTRAINT … USING INDEX name
  // Common:
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;  // added with NOT VALID and not yet validated
  std::optional<std::string> comment;
  SourceLocation location;
};

enum class TableKind { kOrdinary, kPartitioned, kForeign };

struct Table {
  QualifiedName name;
  TableKind kind = TableKind::kOrdinary;
  bool unlogged = false;
  bool temporary = false;
  std::vector<Column> columns;
  std::vector<Constraint> constraints;
  std::vector<QualifiedName> inherits;
  std::string partition_strategy;  // "range", "list", "hash" when partitioned
  std::vector<std::string> partition_keys;  // columns or deparsed expressions
  std::optional<QualifiedName> partition_of;  // parent when this table is a partition
  std::string partition_bound;  // "FOR VALUES FROM (…) TO (…)", "DEFAULT", deparsed
  bool rls_enabled = false;
  bool rls_forced = false;
  std::optional<std::string> comment;
  SourceLocation location;

  const Column* FindColumn(const std::string& column_name) const;
  Column* FindColumn(const std::string& column_name);
  const Constraint* PrimaryKey() const;
  const Constraint* FindConstraint(const std::string& constraint_name) const;
};

struct View {
  QualifiedName name;
  bool materialized = false;
  std::string definition;  // deparsed SELECT
  std::vector<std::string> columns;  // explicit column aliases, if any
  std::vector<QualifiedName> reads;  // tables and views referenced, resolved
  bool with_data = true;  // materialized views: WITH [NO] DATA
  std::optional<std::string> comment;
  SourceLocation location;
};

struct Sequence {
  QualifiedName name;
  std::string data_type = "bigint";
  std::optional<int64_t> start, increment, min_value, max_value;
  bool cycle = false;
  std::optional<QualifiedName> owned_by_table;
  std::string owned_by_column;
  SourceLocation location;
};

struct EnumType {
  QualifiedName name;
  std::vector<std::string> values;
  std::optional<std::string> comment;
  SourceLocation location;
};

struct Domain {
  QualifiedName name;
  TypeName base_type;
  bool not_null = false;
  std::optional<std::string> default_expr;
  std::vector<std::string> checks;  // deparsed CHECK expressions
  // The checks' constraint names, parallel to `checks` (PostgreSQL's <domain>_check, <domain>_check1, … when
  // the DDL names none), so a changed check can be dropped and added by name.
  std::vector<std::string> check_names;
  // The name PostgreSQL gives the next unnamed check of this domain.
  std::string NextCheckName() const;
  std::optional<std::string> comment;
  SourceLocation location;
};

enum class Volatility { kVolatile, kStable, kImmutable };

struct Function {
  QualifiedName name;
  std::vector<std::string> argument_types;  // canonical type names, for the signature
  std::string returns;                      // "trigger", "void", "setof orders", …
  std::string language;                     // "plpgsql", "sql", …
  Volatility volatility = Volatility::kVolatile;
  bool security_definer = false;
  bool sets_search_path = false;  // has `SET search_path = …`
  bool is_procedure = false;
  std::string body;               // the function body as written
  // The argument list as PostgreSQL prints it (pg_get_function_arguments: modes, names, defaults) and the
  // value of `SET search_path`; "" when not known (the DDL replay does not record them yet). Lets
  // CatalogToSql recreate the function exactly; the comparison skips them when a side does not know them.
  std::string arguments_sql;
  std::string search_path;
  std::optional<std::string> comment;
  SourceLocation location;
  // "name(argtype, …)": functions are overloaded, so this is the key.
  std::string Signature() const;
};

struct Trigger {
  std::string name;
  QualifiedName table;
  QualifiedName function;
  std::string timing;               // "BEFORE", "AFTER", "INSTEAD OF"
  std::vector<std::string> events;  // "INSERT", "UPDATE", "DELETE", "TRUNCATE"
  std::vector<std::string> update_columns;  // UPDATE OF …
  bool for_each_row = false;
  std::string when_expr;
  bool constraint_trigger = false;
  SourceLocation location;
};

struct Policy {
  std::string name;
  QualifiedName table;
  std::string command = "ALL";  // ALL, SELECT, INSERT, UPDATE, DELETE
  bool permissive = true;
  std::vector<std::string> roles;
  std::string using_expr;
  std::string check_expr;
  SourceLocation location;
};

struct Role {
  std::string name;
  bool superuser = false;
  bool login = false;
  bool create_role = false;
  bool create_db = false;
  bool bypass_rls = false;
  std::vector<std::string> member_of;
  SourceLocation location;
};

struct Grant {
  std::string object_kind;  // "TABLE", "SCHEMA", "SEQUENCE", "FUNCTION", "DATABASE", "ALL TABLES IN SCHEMA", …
  std::string object;       // e.g. "public.orders"
  std::vector<std::string> privileges;  // "SELECT", "INSERT", …, "ALL"
  std::vector<std::string> columns;     // column-level grants
  std::string grantee;      // role name or "PUBLIC"
  bool with_grant_option = false;
  SourceLocation location;
};

struct Extension {
  std::string name;
  std::string schema;
  SourceLocation location;
};

struct Schema {
  std::string name;
  std::string owner;
  std::optional<std::string> comment;
  SourceLocation location;
};

// The whole schema. Ordered maps keep every rendering deterministic.
struct Catalog {
  std::map<std::string, Schema> schemas;  // always contains "public"
  std::map<QualifiedName, Table> tables;
  IndexMap indexes;
  std::map<QualifiedName, View> views;
  std::map<QualifiedName, Sequence> sequences;
  std::map<QualifiedName, EnumType> enums;
  std::map<QualifiedName, Domain> domains;
  std::map<std::string, Function> functions;  // keyed by schema.Signature()
  std::vector<Trigger> triggers;
  std::vector<Policy> policies;
  std::map<std::string, Role> roles;
  std::vector<Grant> grants;
  std::map<std::string, Extension> extensions;

  Catalog();

  const Table* FindTable(const QualifiedName& name) const;
  Table* FindTable(const QualifiedName& name);
  // Indexes defined on a table, in name order (a lookup, not a scan: see IndexMap).
  std::vector<const Index*> IndexesOn(const QualifiedName& table) const;
  // Every table's indexes (tables without indexes are absent), built in one pass over the indexes.
  std::map<QualifiedName, std::vector<const Index*>> IndexesByTable() const;
  size_t ObjectCount() const;
};

std::string_view ConstraintKindName(ConstraintKind kind);         // "PRIMARY KEY", "UNIQUE", "FOREIGN KEY", …
std::string_view ReferentialActionSql(ReferentialAction action);  // "NO ACTION", "CASCADE", …
std::string_view VolatilityName(Volatility v);                    // "VOLATILE", "STABLE", "IMMUTABLE"
std::string_view TableKindName(TableKind kind);                   // "table", "partitioned table", "foreign table"
// Quotes an identifier when PostgreSQL would need it (upper case, special characters, keywords).
std::string QuoteIdent(std::string_view ident);

}  // namespace dbarch::model
