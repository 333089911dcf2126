// The shape of one lint rule (clang-tidy / squawk style): a stable id (`migration/require-concurrent-index`), a
// one-line summary for `dbarch rules`, a default severity, and a check that sees one statement together with the
// schema as it was *before* that statement and what the file did so far (open transaction, timeouts set, tables
// created in the same migration). Each rule lives in its own file under rules/<category>/ and is listed once in
// registry.cc; its documentation is docs/rules/<id>.md and its fixture tests/fixtures/rules/<id>.sql.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dbarch/finding.h"
#include "model/catalog.h"
#include "sql/parser.h"

namespace dbarch::analyzers::lint {

// What the file (a migration) has done before the statement, from the file's own statements alone.
struct FileState {
  std::string path;
  bool in_transaction = false;          // inside BEGIN … COMMIT written in the file
  bool transaction_has_ddl = false;     // the open transaction already changed the schema
  bool transaction_wrote_rows = false;  // … or wrote rows (INSERT/UPDATE/DELETE)
  bool lock_timeout_set = false;        // SET [LOCAL] lock_timeout earlier in the file
  bool statement_timeout_set = false;
  // Constraints added NOT VALID inside the open transaction: validating one in the same transaction keeps the
  // ACCESS EXCLUSIVE lock of the ADD for the whole scan, which is what NOT VALID was meant to avoid.
  std::set<std::string> not_valid_in_transaction;
};

// One statement and what its file did before it: all a rule sees that needs no schema. Such rules run on the
// parse workers, beside the schema replay (which is sequential and the pipeline's bottleneck).
struct StatementContext {
  StatementContext(const sql::Statement& statement, const FileState& file, int pg_version)
      : statement(statement), file(file), pg_version(pg_version) {}

  const sql::Statement& statement;
  const FileState& file;
  int pg_version = 15;  // target PostgreSQL major version

  // Every message of the statement's parse tree in pre-order (sql::VisitTree's order), walked once per
  // statement and shared by the rules that look for a node kind anywhere in it (ForEachNode).
  const std::vector<const google::protobuf::Message*>& TreeNodes() const;

 private:
  mutable std::optional<std::vector<const google::protobuf::Message*>> tree_nodes_;
};

// The statement together with the schema as it was before it.
struct LintContext : StatementContext {
  LintContext(const sql::Statement& statement, const FileState& file, int pg_version, const model::Catalog& before,
              const std::set<model::QualifiedName>& created_tables)
      : StatementContext(statement, file, pg_version), before(before), created_tables(created_tables) {}

  const model::Catalog& before;  // the schema before this statement (previous files and statements applied)
  // Tables created earlier in this file: empty, nobody uses them yet. (Their names depend on the search_path,
  // which earlier files may have set: schema state, not file state.)
  const std::set<model::QualifiedName>& created_tables;

  // The table exists and was not created in this file: it may be large and in use.
  bool IsExistingTable(const model::QualifiedName& table) const;
  // Schema-qualified name of a RangeVar, with the schema PostgreSQL would pick.
  model::QualifiedName Resolve(const pg_query::RangeVar& relation) const;

 private:
  // Many rules ask about the statement's one or two relations: each is looked up in the catalog once.
  mutable std::vector<std::pair<const pg_query::RangeVar*, model::QualifiedName>> resolved_;
  mutable std::vector<std::pair<model::QualifiedName, bool>> existing_;
};

struct LintRule;

// A statement rule's check. Its parameter type says what it needs: a check taking a StatementContext cannot
// reach the schema, so the linter may run it on any thread, before the replay got to its statement.
struct StatementCheck {
  using WithSchema = void (*)(const LintRule& self, const LintContext& context, Findings* out);
  using StatementOnly = void (*)(const LintRule& self, const StatementContext& context, Findings* out);
  StatementCheck() = default;
  StatementCheck(std::nullptr_t) {}
  StatementCheck(WithSchema check) : with_schema(check) {}
  StatementCheck(StatementOnly check) : statement_only(check) {}

  WithSchema with_schema = nullptr;
  StatementOnly statement_only = nullptr;
};

struct LintRule {
  std::string_view id;       // "migration/require-concurrent-index"
  std::string_view summary;  // one line
  Severity severity;
  // Statement rules: called for every statement.
  StatementCheck check;
  // Schema rules (schema/…, the report's schema checks): called once on the schema the linted files build;
  // findings on objects the files define are kept.
  void (*check_schema)(const LintRule& self, const model::Catalog& catalog, Findings* out) = nullptr;
  // File rules: called once after a file's last statement, with that statement and the file's final state
  // (e.g. a transaction left open).
  void (*check_end)(const LintRule& self, const LintContext& context, Findings* out) = nullptr;
  // Opt-in rules (squawk's term) run only when selected by their exact id: they encode a team convention
  // (e.g. re-runnable statements) rather than a hazard every migration has.
  bool opt_in = false;

  // A finding of this rule at the statement, with id and severity filled in.
  Finding NewFinding(const StatementContext& context, std::string object, std::string message) const;
};

// Every rule, in a stable order (registry.cc).
const std::vector<const LintRule*>& AllLintRules();
const LintRule* FindLintRule(std::string_view id);

}  // namespace dbarch::analyzers::lint
