// Internals of the DDL replayer (sources/ddl_loader.h), shared by the files of src/sources/ddl/. Each file
// handles one family of statements; they meet in a ReplayContext that knows the catalog, the statement
// being applied and where diagnostics go.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dbarch/diagnostic.h"
#include "model/catalog.h"
#include "pg_query.pb.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::sources::ddl {

// For each table, the tables that may be its partitions or inheritance children and the tables that may have a
// foreign key to it: supersets kept by the replay, so that "the children of T" and "the foreign keys referencing
// T" look at these tables instead of every table of the catalog (on a corpus that creates thousands of tables
// those scans made linting quadratic). Entries are never removed; users check the tables themselves.
struct RelationHints {
  std::map<model::QualifiedName, std::set<model::QualifiedName>> children_of, referencing;

  // Every table of `catalog`.
  void Seed(const model::Catalog& catalog);
  // After CREATE TABLE (and ATTACH PARTITION): records the table's parents and foreign keys. ALTER TABLE notes
  // each foreign key and parent as it adds it (AddConstraint, INHERIT), not the whole table again.
  void Note(const model::Table& table);
  // Table `from` is now `to`, both as a child or referencing table and as a parent or referenced table.
  void Renamed(const model::QualifiedName& from, const model::QualifiedName& to);

  // Every column name a sequence has been OWNED BY (never shrinks): dropping or renaming a column whose name is
  // not here need not look through the sequences for one it owns.
  std::set<std::string> sequence_owner_columns;
  bool MayOwnSequence(const std::string& column) const { return sequence_owner_columns.count(column) > 0; }

  // Every (table, column) a foreign key has referenced (never shrinks): dropping a column no foreign key ever
  // referenced need not visit the tables that reference its table.
  std::set<std::pair<model::QualifiedName, std::string>> referenced_columns;
  void NoteForeignKey(const model::QualifiedName& table, const model::Constraint& foreign_key);
  bool MayBeReferenced(const model::QualifiedName& table, const std::string& column) const {
    return referenced_columns.count({table, column}) > 0;
  }
};

struct ReplayContext {
  model::Catalog* catalog;
  std::string* current_schema;
  Diagnostics* diagnostics;
  const sql::Statement* statement;
  RelationHints* hints = nullptr;  // null: the scans visit every table
  bool view_definitions = true;    // DdlReplayer::KeepViewDefinitions

  // Resolution of possibly unqualified names against the current schema.
  model::QualifiedName Resolve(const pg_query::RangeVar& rv) const { return sql::NameOf(rv, *current_schema); }
  model::QualifiedName Resolve(const sql::NodeList& names) const { return sql::NameOf(names, *current_schema); }
  // A relation reference: an unqualified name that is not in the current schema but in "public" resolves
  // there (a search_path of "<schema>, public" is the common case).
  model::QualifiedName ResolveRelation(const pg_query::RangeVar& rv) const;

  // Location of the statement, or of a node inside it when `node_location` (the node's `location` field, read
  // through Statement::NodeOffset) is known (>= 0).
  SourceLocation Where(int node_location = -1) const;

  void Warn(std::string code, std::string message, int node_location = -1);
  void Info(std::string code, std::string message, int node_location = -1);
  // The "unknown-object" warning for ALTER/DROP/COMMENT of something the replay has not seen.
  void UnknownObject(std::string_view kind, std::string_view name);

  model::Table* FindTable(const model::QualifiedName& name, bool warn_if_missing = true);

  // The partitions and inheritance children of `parent`, and the tables with a foreign key to `referenced`.
  std::vector<model::Table*> ChildrenOf(const model::QualifiedName& parent);
  std::vector<model::Table*> TablesReferencing(const model::QualifiedName& referenced);
};

// Applies one parsed statement node (ddl_loader.cc's dispatch; also used for CREATE SCHEMA's elements).
void ApplyNode(ReplayContext& ctx, const pg_query::Node& node);

// --- Statement handlers, one family per file -------------------------------------------------------------

// create_table.cc
void CreateTable(ReplayContext& ctx, const pg_query::CreateStmt& stmt);
void CreateTableAs(ReplayContext& ctx, const pg_query::CreateTableAsStmt& stmt);  // incl. materialized views
// A constraint waiting for the columns of its table: PostgreSQL adds CHECKs, then PK, UNIQUE/EXCLUDE
// (their indexes) and FKs last, which decides who gets a default name first.
struct PendingConstraint {
  pg_query::Constraint con;
  std::string column;  // set for a column constraint
};
// Adds a column definition to a table (CREATE TABLE and ALTER TABLE ADD COLUMN), with the sequence behind
// a serial column; its table-like constraints (CHECK, PK, UNIQUE, FK) are appended to `pending`.
void AddColumn(ReplayContext& ctx, model::Table& table, const pg_query::ColumnDef& def,
               std::vector<PendingConstraint>* pending);
// Applies pending constraints in PostgreSQL's order and clears the list.
void ApplyPendingConstraints(ReplayContext& ctx, model::Table& table, std::vector<PendingConstraint>* pending);
// Output column names of a query, as PostgreSQL names them (aliases, column names, function names,
// "?column?"); `*` expands to the columns of known relations in FROM.
std::vector<std::string> OutputColumnNames(ReplayContext& ctx, const pg_query::Node& query);

// constraints.cc
// Adds a table constraint (or a column constraint when `column` is set). NOT NULL/DEFAULT/identity
// column "constraints" are applied to the column. Creates the backing index of PK/UNIQUE/EXCLUDE.
void AddConstraint(ReplayContext& ctx, model::Table& table, const pg_query::Constraint& con,
                   const std::string& column = "");
// Makes a column an identity column (GENERATED … AS IDENTITY), with its sequence, as PostgreSQL does.
void SetIdentity(ReplayContext& ctx, model::Table& table, model::Column& column, const pg_query::Constraint& con);
// Removes a constraint and its backing index. Returns false when there is no such constraint.
bool RemoveConstraint(ReplayContext& ctx, model::Table& table, const std::string& name);
// The referenced table's primary key columns, for a FOREIGN KEY … REFERENCES t without a column list.
std::vector<std::string> PrimaryKeyColumns(const model::Catalog& catalog, const model::QualifiedName& table);

// alter_table.cc
void AlterTable(ReplayContext& ctx, const pg_query::AlterTableStmt& stmt);

// indexes.cc
void CreateIndex(ReplayContext& ctx, const pg_query::IndexStmt& stmt);
model::IndexKey IndexKeyOf(const pg_query::IndexElem& elem);
// The column-name part PostgreSQL uses in a default index/constraint name: key names (expressions named
// after their function, else "expr") joined with '_'.
std::string IndexNameAddition(const sql::NodeList& index_params);
// FigureColname: the name PostgreSQL gives an output expression (a function's name, a column's name…),
// or `fallback` ("?column?" for query output, "expr" for index keys).
std::string FigureColname(const pg_query::Node& expr, const std::string& fallback);

// views.cc
void CreateView(ReplayContext& ctx, const pg_query::ViewStmt& stmt);
void CreateMaterializedView(ReplayContext& ctx, const pg_query::CreateTableAsStmt& stmt);

// objects.cc: schemas, extensions, sequences, enums, domains, comments, search_path.
void CreateSchema(ReplayContext& ctx, const pg_query::CreateSchemaStmt& stmt);
void CreateExtension(ReplayContext& ctx, const pg_query::CreateExtensionStmt& stmt);
void CreateSequence(ReplayContext& ctx, const pg_query::CreateSeqStmt& stmt);
void AlterSequence(ReplayContext& ctx, const pg_query::AlterSeqStmt& stmt);
void CreateEnum(ReplayContext& ctx, const pg_query::CreateEnumStmt& stmt);
void AlterEnum(ReplayContext& ctx, const pg_query::AlterEnumStmt& stmt);
void CreateDomain(ReplayContext& ctx, const pg_query::CreateDomainStmt& stmt);
void AlterDomain(ReplayContext& ctx, const pg_query::AlterDomainStmt& stmt);
void Comment(ReplayContext& ctx, const pg_query::CommentStmt& stmt);
void SetVariable(ReplayContext& ctx, const pg_query::VariableSetStmt& stmt);
// `SELECT pg_catalog.set_config('search_path', '…', false)` as pg_dump writes it; false when the SELECT is
// anything else.
bool SelectSetsSearchPath(ReplayContext& ctx, const pg_query::SelectStmt& stmt);
// Applies a sequence option list (START, INCREMENT, MINVALUE, MAXVALUE, CYCLE, AS, OWNED BY).
void ApplySequenceOptions(ReplayContext& ctx, model::Sequence& seq, const sql::NodeList& options);

// routines.cc: functions, procedures, triggers, policies.
void CreateFunction(ReplayContext& ctx, const pg_query::CreateFunctionStmt& stmt);
void AlterFunction(ReplayContext& ctx, const pg_query::AlterFunctionStmt& stmt);
void CreateTrigger(ReplayContext& ctx, const pg_query::CreateTrigStmt& stmt);
void CreatePolicy(ReplayContext& ctx, const pg_query::CreatePolicyStmt& stmt);
void AlterPolicy(ReplayContext& ctx, const pg_query::AlterPolicyStmt& stmt);
// Signature key of a function in catalog.functions ("schema.name(argtypes)") from DROP/COMMENT/GRANT's
// ObjectWithArgs; when the arguments were not written, the single overload with that name, if unique.
std::string FunctionKey(ReplayContext& ctx, const pg_query::ObjectWithArgs& func);

// access.cc: roles and privileges.
void CreateRole(ReplayContext& ctx, const pg_query::CreateRoleStmt& stmt);
void AlterRole(ReplayContext& ctx, const pg_query::AlterRoleStmt& stmt);
void GrantRole(ReplayContext& ctx, const pg_query::GrantRoleStmt& stmt);
void Grant(ReplayContext& ctx, const pg_query::GrantStmt& stmt);
// Role names of a RoleSpec list; PUBLIC, CURRENT_USER… as keywords.
std::vector<std::string> RoleNames(const sql::NodeList& roles);

// drop.cc
void Drop(ReplayContext& ctx, const pg_query::DropStmt& stmt);
void DropRoles(ReplayContext& ctx, const pg_query::DropRoleStmt& stmt);
// Removes a table and everything that depends on it (indexes, triggers, policies, owned sequences,
// partitions; FKs referencing it when `cascade`, else with a warning).
void RemoveTable(ReplayContext& ctx, const model::QualifiedName& name, bool cascade);
// Removes a column and the constraints, indexes and owned sequences that use it.
void RemoveColumn(ReplayContext& ctx, model::Table& table, const std::string& column, bool cascade);

// rename.cc
void Rename(ReplayContext& ctx, const pg_query::RenameStmt& stmt);
void AlterObjectSchema(ReplayContext& ctx, const pg_query::AlterObjectSchemaStmt& stmt);
// Moves a table to a new name, updating everything that refers to it.
void MoveTable(ReplayContext& ctx, const model::QualifiedName& from, const model::QualifiedName& to);
void RenameColumnEverywhere(ReplayContext& ctx, model::Table& table, const std::string& from,
                            const std::string& to);

// --- Shared helpers (naming.cc, tree_walk.cc) ------------------------------------------------------------

// PostgreSQL's makeObjectName + ChooseRelationName: "<name1>_<name2>_<label>" truncated to 63 bytes, with
// a number appended to the label until no relation of the schema has the name.
std::string ChooseRelationName(const model::Catalog& catalog, const std::string& schema, const std::string& name1,
                               const std::string& name2, const std::string& label);
// Same for constraint names, which must be unique among the table's constraints.
std::string ChooseConstraintName(const model::Table& table, const std::string& name2, const std::string& label);
bool RelationNameTaken(const model::Catalog& catalog, const model::QualifiedName& name);

// Calls `visit` for every node of `message`'s subtree that is a `T` (depth first, pre-order).
void VisitMessages(const google::protobuf::Message& message,
                   const std::function<void(const google::protobuf::Message&)>& visit);
void VisitMutableMessages(google::protobuf::Message* message,
                          const std::function<void(google::protobuf::Message*)>& visit);

// Distinct column names referenced (ColumnRefs) in an expression node, in first-seen order.
std::vector<std::string> ColumnsReferenced(const pg_query::Node& expr);
// Same for an expression held as deparsed text (re-parsed with libpg_query).
std::vector<std::string> ColumnsReferencedInSql(const std::string& expr_sql);
// Re-parses an expression, renames ColumnRefs named `from` to `to` and deparses it again; unchanged text
// when it does not parse.
std::string RenameColumnInSql(const std::string& expr_sql, const std::string& from, const std::string& to);

std::string DeparseTypeName(const pg_query::TypeName& type);  // canonical "type(mods)[]"
// sql::TypeOf plus user type resolution (enums/domains get qualified names and is_user_type).
model::TypeName ResolveType(const ReplayContext& ctx, const pg_query::TypeName& type);

}  // namespace dbarch::sources::ddl
