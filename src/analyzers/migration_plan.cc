#include "analyzers/migration_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyzers/column_type_change.h"
#include "analyzers/lock_level.h"
#include "analyzers/lint/rules/rule_helpers.h"
#include "analyzers/sql_text.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers {

namespace {

using Lock = LockLevel;

std::string LockName(Lock lock) { return LockLevelName(lock); }

// Execution phases, in order. Non-blocking work first so a failure later leaves the system better off
// and nothing blocking waits on a long build.
enum class Phase {
  kBuildIndexes = 0,   // CREATE INDEX CONCURRENTLY
  kDropIndexes = 1,    // DROP INDEX CONCURRENTLY of duplicates/redundant ones, after the builds
  kAddConstraints = 2, // NOT VALID constraints: instant
  kValidate = 3,       // VALIDATE CONSTRAINT: scans, but only SHARE UPDATE EXCLUSIVE
  kCatalogOnly = 4,    // brief ACCESS EXCLUSIVE, no scan (defaults, identity, proven SET NOT NULL)
  kBlocking = 5,       // scans or rewrites under a blocking lock: last, in a quiet window
};

std::string PhaseName(Phase p) {
  switch (p) {
    case Phase::kBuildIndexes: return "online index builds";
    case Phase::kDropIndexes: return "online index drops";
    case Phase::kAddConstraints: return "constraints added NOT VALID";
    case Phase::kValidate: return "validations";
    case Phase::kCatalogOnly: return "brief catalog-only changes";
    case Phase::kBlocking: return "blocking changes (scan or rewrite under lock)";
  }
  return "";
}

// What one statement does to a live system.
struct StatementPlan {
  std::string up;
  std::string down;
  std::string title;
  Lock lock = Lock::kNone;
  std::vector<std::string> locked;  // objects the lock is taken on
  bool rewrites = false;
  bool outside_transaction = false;
  bool loses_data = false;
  Phase phase = Phase::kBlocking;
  std::vector<std::string> notes;
  std::vector<TableWork> work;

  void Does(TableWork::Kind kind, const std::string& table, bool concurrently = false) {
    TableWork w{kind, table, concurrently};
    if (std::find(work.begin(), work.end(), w) == work.end()) work.push_back(std::move(w));
  }

  void TakeLock(Lock l, const std::string& object) {
    lock = std::max(lock, l);
    if (std::find(locked.begin(), locked.end(), object) == locked.end()) locked.push_back(object);
  }
};

std::string Terminated(std::string sql) {
  while (!sql.empty() && (sql.back() == ';' || sql.back() == ' ' || sql.back() == '\n')) sql.pop_back();
  return sql + ";";
}

class Planner {
 public:
  explicit Planner(const model::Catalog& catalog) : catalog_(catalog) {
    // Validated CHECK (col IS NOT NULL) constraints already in the schema let SET NOT NULL skip its scan.
    for (const auto& [name, table] : catalog.tables) {
      for (const auto& c : table.constraints) {
        if (c.kind != model::ConstraintKind::kCheck || c.not_valid) continue;
        if (auto col = NotNullCheckColumn(c.check_expr)) proven_not_null_.insert({name, *col});
      }
    }
  }

  StatementPlan Plan(const sql::Statement& statement) {
    StatementPlan p;
    p.up = Terminated(statement.text);
    const pg_query::Node& node = statement.node;
    if (node.has_index_stmt()) PlanCreateIndex(node.index_stmt(), &p);
    else if (node.has_drop_stmt()) PlanDrop(node.drop_stmt(), &p);
    else if (node.has_alter_table_stmt()) PlanAlterTable(node.alter_table_stmt(), &p);
    else if (node.has_alter_seq_stmt()) PlanAlterSequence(node.alter_seq_stmt(), &p);
    else if (node.has_select_stmt()) PlanSelect(node.select_stmt(), &p);
    else if (node.has_alter_domain_stmt()) PlanAlterDomain(node.alter_domain_stmt(), &p);
    else if (PlanObjectStatement(node, &p)) {
    } else {
      p.title = "Run statement";
      p.lock = Lock::kAccessExclusive;
      p.notes.push_back("statement kind not analysed: lock level assumed ACCESS EXCLUSIVE; no automatic rollback");
    }
    return p;
  }

 private:
  // "col" when the expression is `col IS NOT NULL`.
  static std::optional<std::string> NotNullCheckColumn(const std::string& expr) {
    auto parsed = sql::ParseOne("SELECT 1 WHERE " + expr);
    if (!parsed.ok() || !parsed->has_select_stmt()) return std::nullopt;
    return NotNullTestColumn(parsed->select_stmt().where_clause());
  }
  static std::optional<std::string> NotNullTestColumn(const pg_query::Node& node) {
    if (node.has_null_test() && node.null_test().nulltesttype() == pg_query::IS_NOT_NULL &&
        node.null_test().arg().has_column_ref())
      return sql::ColumnRefName(node.null_test().arg().column_ref());
    return std::nullopt;
  }

  const model::Index* FindIndex(const model::QualifiedName& name, bool schema_given) const {
    auto it = catalog_.indexes.find(name);
    if (it != catalog_.indexes.end()) return &it->second;
    if (schema_given) return nullptr;
    for (const auto& [n, index] : catalog_.indexes) {
      if (n.name == name.name) return &index;
    }
    return nullptr;
  }

  void PlanCreateIndex(const pg_query::IndexStmt& stmt, StatementPlan* p) {
    model::QualifiedName table = sql::NameOf(stmt.relation());
    model::QualifiedName index{table.schema, stmt.idxname()};
    p->title = fmt::format("Build index {} on {}", index.ToString(), table.ToString());
    if (!stmt.relation().inh()) {
      // ON ONLY a partitioned table: catalog entry only, completed by attaching the partitions' indexes.
      p->TakeLock(Lock::kShare, table.ToString());
      p->phase = Phase::kBuildIndexes;
      p->title = fmt::format("Create parent index {} ON ONLY {}", index.ToString(), table.ToString());
      p->notes.push_back("ON ONLY creates an invalid parent index instantly; it becomes valid once every "
                         "partition's index is attached");
      if (!stmt.idxname().empty()) p->down = fmt::format("DROP INDEX IF EXISTS {};", index.ToSql());
      return;
    }
    p->Does(TableWork::Kind::kIndexBuild, table.ToString(), stmt.concurrent());
    if (stmt.concurrent()) {
      p->TakeLock(Lock::kShareUpdateExclusive, table.ToString());
      p->outside_transaction = true;
      p->phase = Phase::kBuildIndexes;
    } else {
      p->TakeLock(Lock::kShare, table.ToString());
      p->phase = Phase::kBlocking;
      p->notes.push_back("CREATE INDEX without CONCURRENTLY blocks all writes to the table for the whole build");
    }
    if (!stmt.idxname().empty()) p->down = DropIndexConcurrentlySql(index);
    else p->notes.push_back("unnamed index: name it so the rollback can drop it");
  }

  void PlanDrop(const pg_query::DropStmt& stmt, StatementPlan* p) {
    std::vector<std::pair<model::QualifiedName, bool>> names;
    for (const auto& object : stmt.objects()) {
      if (!object.has_list()) continue;
      names.push_back({sql::NameOf(object.list().items()), object.list().items_size() > 1});
    }
    std::vector<std::string> downs;
    std::vector<std::string> listed;
    for (const auto& [name, qualified] : names) listed.push_back(name.ToString());
    std::string objects;
    for (const auto& n : listed) objects += (objects.empty() ? "" : ", ") + n;

    if (stmt.remove_type() == pg_query::OBJECT_INDEX) {
      p->title = "Drop index " + objects;
      p->phase = stmt.concurrent() ? Phase::kDropIndexes : Phase::kBlocking;
      p->outside_transaction = stmt.concurrent();
      for (const auto& [name, qualified] : names) {
        const model::Index* index = FindIndex(name, qualified);
        p->TakeLock(stmt.concurrent() ? Lock::kShareUpdateExclusive : Lock::kAccessExclusive,
                    index ? index->table.ToString() : name.ToString());
        if (index) {
          downs.push_back(IndexDefinitionSql(*index, {.concurrently = true, .if_not_exists = true}));
        } else {
          p->notes.push_back("index " + name.ToString() + " is not in the catalog: rollback must recreate it by hand");
        }
      }
    } else if (stmt.remove_type() == pg_query::OBJECT_SEQUENCE) {
      p->title = "Drop sequence " + objects;
      p->phase = Phase::kCatalogOnly;
      for (const auto& [name, qualified] : names) {
        p->TakeLock(Lock::kAccessExclusive, name.ToString());
        auto it = catalog_.sequences.find(name);
        std::string type = it != catalog_.sequences.end() ? it->second.data_type : "bigint";
        downs.push_back(fmt::format("CREATE SEQUENCE IF NOT EXISTS {} AS {};", name.ToSql(), type));
      }
      p->notes.push_back("the rollback recreates the sequence empty: restore its position with setval()");
    } else if (stmt.remove_type() == pg_query::OBJECT_VIEW || stmt.remove_type() == pg_query::OBJECT_MATVIEW ||
               stmt.remove_type() == pg_query::OBJECT_TRIGGER || stmt.remove_type() == pg_query::OBJECT_POLICY ||
               stmt.remove_type() == pg_query::OBJECT_FUNCTION || stmt.remove_type() == pg_query::OBJECT_PROCEDURE ||
               ((stmt.remove_type() == pg_query::OBJECT_TYPE || stmt.remove_type() == pg_query::OBJECT_DOMAIN) &&
                stmt.behavior() != pg_query::DROP_CASCADE)) {
      // A type or domain still used by a column cannot be dropped without CASCADE, so without it no rows go.
      // Definitions only (a materialized view's rows are recomputed): nothing a rollback cannot recreate.
      p->title = "Drop " + objects;
      p->phase = Phase::kCatalogOnly;
      for (const auto& [name, qualified] : names) p->TakeLock(Lock::kAccessExclusive, name.ToString());
    } else {
      p->title = "Drop " + objects;
      p->phase = Phase::kBlocking;
      p->loses_data = true;
      for (const auto& [name, qualified] : names) p->TakeLock(Lock::kAccessExclusive, name.ToString());
      p->notes.push_back("dropping data cannot be rolled back; restore from a backup");
    }
    std::reverse(downs.begin(), downs.end());
    for (const auto& d : downs) p->down += (p->down.empty() ? "" : "\n") + d;
  }

  // Statements that create or change objects other than a table's columns (what the schema diff emits):
  // the lock they take on existing tables, per the PostgreSQL sources (CREATE TRIGGER: ShareRowExclusiveLock;
  // CREATE/ALTER POLICY: AccessExclusiveLock; COMMENT: ShareUpdateExclusiveLock; CREATE VIEW reads its
  // relations under AccessShareLock). False for statements not known here.
  bool PlanObjectStatement(const pg_query::Node& node, StatementPlan* p) {
    p->phase = Phase::kCatalogOnly;
    if (node.has_create_stmt()) {
      p->title = "Create table " + sql::NameOf(node.create_stmt().relation()).ToString();
    } else if (node.has_view_stmt()) {
      p->title = "Create view " + sql::NameOf(node.view_stmt().view()).ToString();
      p->lock = Lock::kAccessShare;
    } else if (node.has_create_table_as_stmt()) {
      const model::QualifiedName view = sql::NameOf(node.create_table_as_stmt().into().rel());
      p->title = "Create materialized view " + view.ToString();
      p->lock = Lock::kAccessShare;
      if (node.create_table_as_stmt().objtype() == pg_query::OBJECT_MATVIEW) {
        p->down = fmt::format("DROP MATERIALIZED VIEW IF EXISTS {};", view.ToSql());
      }
    } else if (node.has_create_trig_stmt()) {
      model::QualifiedName table = sql::NameOf(node.create_trig_stmt().relation());
      p->title = "Create trigger " + node.create_trig_stmt().trigname() + " on " + table.ToString();
      p->TakeLock(Lock::kShareRowExclusive, table.ToString());
    } else if (node.has_create_policy_stmt() || node.has_alter_policy_stmt()) {
      const auto& rv = node.has_create_policy_stmt() ? node.create_policy_stmt().table() : node.alter_policy_stmt().table();
      p->title = "Policy on " + sql::NameOf(rv).ToString();
      p->TakeLock(Lock::kAccessExclusive, sql::NameOf(rv).ToString());
    } else if (node.has_rename_stmt() && node.rename_stmt().has_relation()) {
      model::QualifiedName table = sql::NameOf(node.rename_stmt().relation());
      p->title = "Rename in " + table.ToString();
      p->TakeLock(Lock::kAccessExclusive, table.ToString());
      p->notes.push_back("a rename is instant, but every query using the old name fails from then on: deploy the "
                         "application change with it, or keep the old name reachable through a view");
    } else if (node.has_rename_stmt() && (node.rename_stmt().rename_type() == pg_query::OBJECT_TYPE ||
                                          node.rename_stmt().rename_type() == pg_query::OBJECT_DOMAIN)) {
      // Columns, functions and casts refer to a type by OID: renaming it only changes the name in pg_type.
      p->title = "Rename type";
      p->lock = Lock::kAccessExclusive;
      p->phase = Phase::kCatalogOnly;
    } else if (node.has_alter_owner_stmt() && node.alter_owner_stmt().object_type() == pg_query::OBJECT_SCHEMA) {
      p->title = "Change schema owner";
    } else if (node.has_alter_object_schema_stmt() &&
               node.alter_object_schema_stmt().object_type() == pg_query::OBJECT_EXTENSION) {
      // The extension's member objects (functions, types, operators) move; no table is locked.
      p->title = "Move extension";
    } else if (node.has_comment_stmt()) {
      p->title = "Comment";
      p->lock = Lock::kShareUpdateExclusive;
    } else if (node.has_alter_enum_stmt()) {
      p->title = "Add enum value";
      p->notes.push_back("an enum value cannot be removed: the rollback leaves it in place");
    } else if (node.has_insert_stmt()) {
      // INSERT … SELECT: the rows read under ACCESS SHARE, the target (and the partitions rows go to) written.
      model::QualifiedName table = sql::NameOf(node.insert_stmt().relation());
      p->title = "Insert into " + table.ToString();
      p->TakeLock(Lock::kRowExclusive, table.ToString());
      const auto& select = node.insert_stmt().select_stmt();
      if (select.has_select_stmt()) {
        for (const auto& from : select.select_stmt().from_clause()) {
          if (from.has_range_var()) p->TakeLock(Lock::kAccessShare, sql::NameOf(from.range_var()).ToString());
        }
      }
    } else if (node.has_update_stmt()) {
      model::QualifiedName table = sql::NameOf(node.update_stmt().relation());
      p->title = "Update " + table.ToString();
      p->TakeLock(Lock::kRowExclusive, table.ToString());
    } else if (node.has_do_stmt()) {
      // The diff planner's batched backfill: a DO block that commits between batches, so it runs outside a
      // transaction block and holds only row locks.
      p->title = "Run DO block";
      p->lock = Lock::kRowExclusive;
      p->outside_transaction = true;
    } else if (node.has_create_enum_stmt() || node.has_create_domain_stmt() || node.has_create_function_stmt() ||
               node.has_create_seq_stmt() || node.has_create_schema_stmt() || node.has_create_extension_stmt() ||
               node.has_variable_set_stmt() || node.has_grant_stmt()) {
      p->title = "Create object";
    } else {
      return false;
    }
    return true;
  }

  void PlanAlterSequence(const pg_query::AlterSeqStmt& stmt, StatementPlan* p) {
    model::QualifiedName seq = sql::NameOf(stmt.sequence());
    p->title = "Alter sequence " + seq.ToString();
    p->TakeLock(Lock::kShareRowExclusive, seq.ToString());
    p->phase = Phase::kCatalogOnly;
    for (const auto& option : stmt.options()) {
      if (!option.has_def_elem() || option.def_elem().defname() != "as") continue;
      auto it = catalog_.sequences.find(seq);
      // serial sequences are integer; the catalog may not list an implicit one.
      std::string old_type = it != catalog_.sequences.end() ? it->second.data_type : "integer";
      p->down = fmt::format("ALTER SEQUENCE {} AS {};", seq.ToSql(), old_type);
    }
  }

  // A domain change that checks existing values (SET NOT NULL, ADD CONSTRAINT without NOT VALID, VALIDATE
  // CONSTRAINT) reads every column of the domain's type holding SHARE on its table (PostgreSQL's
  // validateDomainConstraint): writes to those tables wait until it is done. The rest is catalog only.
  void PlanAlterDomain(const pg_query::AlterDomainStmt& stmt, StatementPlan* p) {
    const model::QualifiedName domain = sql::NameOf(stmt.type_name());
    p->title = "Alter domain " + domain.ToString();
    p->phase = Phase::kCatalogOnly;
    const std::string& sub = stmt.subtype();
    const bool adds_check = sub == "C" && stmt.def().has_constraint() && !stmt.def().constraint().skip_validation();
    if (sub != "O" && sub != "V" && !adds_check) return;
    for (const auto& [name, table] : catalog_.tables) {
      for (const auto& column : table.columns) {
        if (!column.type.is_user_type) continue;
        if (column.type.name != domain.ToString() && column.type.name != domain.name) continue;
        p->TakeLock(Lock::kShare, name.ToString());
        p->Does(TableWork::Kind::kScan, name.ToString());
      }
    }
    if (!p->locked.empty()) {
      p->phase = sub == "V" ? Phase::kValidate : Phase::kBlocking;
      p->notes.push_back("checks every value of the domain's columns while holding SHARE on their tables: writes "
                         "wait until it is done");
    }
  }

  void PlanSelect(const pg_query::SelectStmt& stmt, StatementPlan* p) {
    p->title = "Run query";
    p->phase = Phase::kCatalogOnly;
    for (const auto& from : stmt.from_clause()) {
      if (from.has_range_var()) p->TakeLock(Lock::kAccessShare, sql::NameOf(from.range_var()).ToString());
    }
    if (p->locked.empty()) p->lock = Lock::kNone;
  }

  void PlanAlterTable(const pg_query::AlterTableStmt& stmt, StatementPlan* p) {
    model::QualifiedName table = sql::NameOf(stmt.relation());
    if (stmt.objtype() == pg_query::OBJECT_INDEX) {
      p->title = "Alter index " + table.ToString();
      p->TakeLock(Lock::kShareUpdateExclusive, table.ToString());
      p->phase = Phase::kBuildIndexes;
      p->notes.push_back("ALTER INDEX … ATTACH PARTITION cannot be undone on its own: drop the partition's index");
      return;
    }
    std::vector<std::string> titles, downs;
    Phase phase = Phase::kAddConstraints;
    for (const auto& cmd_node : stmt.cmds()) {
      if (!cmd_node.has_alter_table_cmd()) continue;
      Phase cmd_phase = PlanCommand(table, cmd_node.alter_table_cmd(), p, &titles, &downs);
      phase = std::max(phase, cmd_phase);
    }
    p->phase = phase;
    for (const auto& t : titles) p->title += (p->title.empty() ? "" : "; ") + t;
    std::reverse(downs.begin(), downs.end());
    for (const auto& d : downs) p->down += (p->down.empty() ? "" : "\n") + d;
  }

  Phase PlanCommand(const model::QualifiedName& table, const pg_query::AlterTableCmd& cmd, StatementPlan* p,
                    std::vector<std::string>* titles, std::vector<std::string>* downs) {
    const std::string t = table.ToSql();
    const model::Table* model_table = catalog_.FindTable(table);
    const model::Column* column = model_table ? model_table->FindColumn(cmd.name()) : nullptr;
    const std::string col = model::QuoteIdent(cmd.name());
    const std::string object = table.ToString() + "." + cmd.name();
    switch (cmd.subtype()) {
      case pg_query::AT_AddConstraint:
      case pg_query::AT_AddConstraintRecurse:
        if (cmd.def().has_constraint()) return PlanAddConstraint(table, cmd.def().constraint(), p, titles, downs);
        break;
      case pg_query::AT_ValidateConstraint:
      case pg_query::AT_ValidateConstraintRecurse: {
        titles->push_back(fmt::format("Validate constraint {} on {}", cmd.name(), table.ToString()));
        p->TakeLock(Lock::kShareUpdateExclusive, table.ToString());
        p->Does(TableWork::Kind::kScan, table.ToString());
        auto pending = pending_checks_.find({table, cmd.name()});
        if (pending != pending_checks_.end()) proven_not_null_.insert({table, pending->second});
        const model::Constraint* existing = model_table ? model_table->FindConstraint(cmd.name()) : nullptr;
        auto fk = pending_fks_.find({table, cmd.name()});
        if (fk != pending_fks_.end()) p->TakeLock(Lock::kRowShare, fk->second.ToString());
        else if (existing && existing->kind == model::ConstraintKind::kForeignKey)
          p->TakeLock(Lock::kRowShare, existing->referenced_table.ToString());
        p->notes.push_back("VALIDATE scans the table but lets reads and writes continue; it can run in a later "
                           "deploy than the NOT VALID constraint");
        return Phase::kValidate;
      }
      case pg_query::AT_AlterColumnType: {
        const auto& def = cmd.def().column_def();
        model::TypeName to = sql::TypeOf(def.type_name());
        bool has_using = UsingComputesNewValues(def, cmd.name());
        titles->push_back(fmt::format("Change type of {} to {}", object, to.ToSql()));
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        if (column && TypeChangeIsBinaryCoercible(column->type, to, has_using)) {
          p->notes.push_back(fmt::format("{} → {} is binary-coercible: no rewrite", column->type.ToSql(), to.ToSql()));
        } else {
          p->rewrites = true;
          p->Does(TableWork::Kind::kRewrite, table.ToString());
          p->notes.push_back(fmt::format("rewrites {} and rebuilds its indexes while holding ACCESS EXCLUSIVE",
                                         table.ToString()));
        }
        if (column) {
          std::string using_clause;
          if (column->type.name == "timestamp without time zone" && to.name == "timestamp with time zone")
            using_clause = fmt::format(" USING {} AT TIME ZONE 'UTC'", col);
          else if (has_using)
            using_clause = fmt::format(" USING {}::{}", col, column->type.ToSql());
          downs->push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}{};", t, col, column->type.ToSql(),
                                       using_clause));
          if (column->type.name == "integer" || column->type.name == "smallint")
            p->notes.push_back("the rollback to " + column->type.ToSql() + " fails once values exceed its range");
        } else {
          p->notes.push_back("column " + object + " not in the catalog: rollback type unknown");
        }
        return p->rewrites ? Phase::kBlocking : Phase::kCatalogOnly;
      }
      case pg_query::AT_SetNotNull: {
        titles->push_back("Set NOT NULL on " + object);
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        downs->push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", t, col));
        if (proven_not_null_.count({table, cmd.name()})) {
          p->notes.push_back("a validated CHECK (" + cmd.name() + " IS NOT NULL) lets SET NOT NULL skip the scan "
                             "(PostgreSQL 12+)");
          return Phase::kCatalogOnly;
        }
        p->Does(TableWork::Kind::kScan, table.ToString());
        p->notes.push_back("SET NOT NULL scans the whole table under ACCESS EXCLUSIVE; add and validate a CHECK "
                           "(col IS NOT NULL) NOT VALID first");
        return Phase::kBlocking;
      }
      case pg_query::AT_DropNotNull:
        titles->push_back("Drop NOT NULL on " + object);
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        downs->push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", t, col));
        return Phase::kCatalogOnly;
      case pg_query::AT_ColumnDefault: {
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        std::string restore = column && column->default_expr
                                  ? fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t, col,
                                                *column->default_expr)
                                  : fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", t, col);
        titles->push_back((cmd.has_def() ? "Set default of " : "Drop default of ") + object);
        downs->push_back(restore);
        return Phase::kCatalogOnly;
      }
      case pg_query::AT_AttachPartition: {
        // PostgreSQL 12+: SHARE UPDATE EXCLUSIVE on the parent, ACCESS EXCLUSIVE on the table attached, whose
        // rows are scanned for the bound unless a validated CHECK implies it.
        const model::QualifiedName partition = sql::NameOf(cmd.def().partition_cmd().name());
        titles->push_back("Attach partition " + partition.ToString() + " to " + table.ToString());
        p->TakeLock(Lock::kShareUpdateExclusive, table.ToString());
        p->TakeLock(Lock::kAccessExclusive, partition.ToString());
        p->Does(TableWork::Kind::kScan, partition.ToString());
        downs->push_back(fmt::format("ALTER TABLE {} DETACH PARTITION {};", t, partition.ToSql()));
        p->notes.push_back(fmt::format("of these, only SHARE UPDATE EXCLUSIVE on the parent {} (its reads and writes "
                                       "continue); ACCESS EXCLUSIVE on {}", table.ToString(), partition.ToString()));
        p->notes.push_back("ATTACH scans the new partition for rows outside the bound unless a validated CHECK "
                           "constraint implies it: add one NOT VALID and VALIDATE it first to keep the lock brief");
        return Phase::kCatalogOnly;
      }
      case pg_query::AT_DetachPartition: {
        const model::QualifiedName partition = sql::NameOf(cmd.def().partition_cmd().name());
        const bool concurrent = cmd.def().partition_cmd().concurrent();
        titles->push_back("Detach partition " + partition.ToString() + " from " + table.ToString());
        p->TakeLock(concurrent ? Lock::kShareUpdateExclusive : Lock::kAccessExclusive, table.ToString());
        p->TakeLock(concurrent ? Lock::kShareUpdateExclusive : Lock::kAccessExclusive, partition.ToString());
        p->outside_transaction |= concurrent;
        const model::Table* attached = catalog_.FindTable(partition);
        if (attached && attached->partition_of && *attached->partition_of == table) {
          downs->push_back(fmt::format("ALTER TABLE {} ATTACH PARTITION {} {};", t, partition.ToSql(),
                                       attached->partition_bound.empty() ? "DEFAULT" : attached->partition_bound));
        } else {
          p->notes.push_back("partition " + partition.ToString() + " is not in the catalog: the rollback must attach "
                             "it again by hand");
        }
        return Phase::kCatalogOnly;
      }
      case pg_query::AT_DropExpression:
        // PostgreSQL 13+: the column keeps its stored values and becomes a plain one; catalog only.
        titles->push_back("Stop generating " + object);
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        if (column && column->generated_expr) {
          downs->push_back(fmt::format("ALTER TABLE {} DROP COLUMN {};\nALTER TABLE {} ADD COLUMN {} {} GENERATED "
                                       "ALWAYS AS ({}) STORED;",
                                       t, col, t, col, column->type.ToSql(), *column->generated_expr));
        }
        return Phase::kCatalogOnly;
      case pg_query::AT_SetIdentity:
        // Options of the column's identity sequence: a catalog change (PostgreSQL takes ACCESS EXCLUSIVE).
        titles->push_back("Change identity options of " + object);
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        return Phase::kCatalogOnly;
      case pg_query::AT_AddIdentity:
        titles->push_back("Make " + object + " an identity column");
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        downs->push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP IDENTITY IF EXISTS;", t, col));
        return Phase::kCatalogOnly;
      case pg_query::AT_DropConstraint:
      case pg_query::AT_DropConstraintRecurse: {
        titles->push_back(fmt::format("Drop constraint {} on {}", cmd.name(), table.ToString()));
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        const model::Constraint* existing = model_table ? model_table->FindConstraint(cmd.name()) : nullptr;
        auto added = added_constraints_.find({table, cmd.name()});
        if (added != added_constraints_.end()) {
          downs->push_back(added->second);
        } else if (existing) {
          downs->push_back(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {};", t, model::QuoteIdent(existing->name),
                                       ConstraintDefinitionSql(*existing)));
        } else {
          p->notes.push_back("constraint " + cmd.name() + " is not in the catalog: rollback must re-add it by hand");
        }
        return Phase::kCatalogOnly;
      }
      case pg_query::AT_AddColumn: {
        const auto& def = cmd.def().column_def();
        const std::string name = model::QuoteIdent(def.colname());
        titles->push_back("Add column " + table.ToString() + "." + def.colname());
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        downs->push_back(fmt::format("ALTER TABLE {} DROP COLUMN IF EXISTS {};", t, name));
        for (const auto& c : def.constraints()) {
          if (!c.has_constraint()) continue;
          const auto& con = c.constraint();
          bool volatile_default = con.contype() == pg_query::CONSTR_DEFAULT && !lint::VolatileFunction(con.raw_expr()).empty();
          if (volatile_default || con.contype() == pg_query::CONSTR_GENERATED ||
              con.contype() == pg_query::CONSTR_IDENTITY) {
            p->rewrites = true;
            p->Does(TableWork::Kind::kRewrite, table.ToString());
            p->notes.push_back("a volatile default, identity or generated column fills every row: the table is "
                               "rewritten under ACCESS EXCLUSIVE");
          }
        }
        return p->rewrites ? Phase::kBlocking : Phase::kCatalogOnly;
      }
      case pg_query::AT_EnableRowSecurity:
      case pg_query::AT_DisableRowSecurity:
      case pg_query::AT_ForceRowSecurity:
      case pg_query::AT_NoForceRowSecurity:
        titles->push_back("Row-level security on " + table.ToString());
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        return Phase::kCatalogOnly;
      case pg_query::AT_DropColumn:
        titles->push_back("Drop column " + object);
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        if (column && column->generated_expr) {
          // Its values are computed from the other columns: adding it back recomputes them.
          p->notes.push_back("a generated column holds no data of its own: adding it back recomputes it");
          downs->push_back(fmt::format("ALTER TABLE {} ADD COLUMN {} {} GENERATED ALWAYS AS ({}) STORED;", t, col,
                                         column->type.ToSql(), *column->generated_expr));
          return Phase::kCatalogOnly;
        }
        p->loses_data = true;
        if (column)
          downs->push_back(fmt::format("ALTER TABLE {} ADD COLUMN {} {};", t, col, column->type.ToSql()));
        p->notes.push_back("the column's data is gone: a rollback cannot bring its values back");
        return Phase::kCatalogOnly;
      default:
        break;
    }
    titles->push_back("Alter table " + table.ToString());
    p->TakeLock(Lock::kAccessExclusive, table.ToString());
    p->notes.push_back("ALTER TABLE subcommand not analysed: ACCESS EXCLUSIVE assumed, no automatic rollback");
    return Phase::kBlocking;
  }

  Phase PlanAddConstraint(const model::QualifiedName& table, const pg_query::Constraint& c, StatementPlan* p,
                          std::vector<std::string>* titles, std::vector<std::string>* downs) {
    std::string name = c.conname();
    if (!name.empty()) {
      downs->push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {};", table.ToSql(),
                                   model::QuoteIdent(name)));
      added_constraints_[{table, name}] = p->up;
    } else {
      p->notes.push_back("unnamed constraint: name it so the rollback can drop it");
    }
    bool not_valid = c.skip_validation();
    switch (c.contype()) {
      case pg_query::CONSTR_FOREIGN: {
        model::QualifiedName referenced = sql::NameOf(c.pktable());
        titles->push_back(fmt::format("Add foreign key {} on {}{}", name, table.ToString(), not_valid ? " NOT VALID" : ""));
        // Both tables: the referencing one gets the RI triggers, the referenced one too.
        p->TakeLock(Lock::kShareRowExclusive, table.ToString());
        p->TakeLock(Lock::kShareRowExclusive, referenced.ToString());
        if (!name.empty()) pending_fks_[{table, name}] = referenced;
        if (not_valid) return Phase::kAddConstraints;
        p->Does(TableWork::Kind::kScan, table.ToString());
        p->notes.push_back("validates every row while holding SHARE ROW EXCLUSIVE (writes blocked on both tables): "
                           "add it NOT VALID and VALIDATE separately");
        return Phase::kBlocking;
      }
      case pg_query::CONSTR_CHECK: {
        titles->push_back(fmt::format("Add check {} on {}{}", name, table.ToString(), not_valid ? " NOT VALID" : ""));
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        auto not_null_col = NotNullTestColumn(c.raw_expr());
        if (not_valid) {
          if (not_null_col && !name.empty()) pending_checks_[{table, name}] = *not_null_col;
          p->notes.push_back("NOT VALID: only new and updated rows are checked, the lock is brief");
          return Phase::kAddConstraints;
        }
        if (not_null_col) proven_not_null_.insert({table, *not_null_col});
        p->Does(TableWork::Kind::kScan, table.ToString());
        p->notes.push_back("checks every row while holding ACCESS EXCLUSIVE: add it NOT VALID and VALIDATE separately");
        return Phase::kBlocking;
      }
      case pg_query::CONSTR_PRIMARY:
      case pg_query::CONSTR_UNIQUE:
        titles->push_back(fmt::format("Add {} {} on {}", c.contype() == pg_query::CONSTR_PRIMARY ? "primary key" : "unique constraint",
                                      name, table.ToString()));
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        if (!c.indexname().empty()) {
          p->notes.push_back("USING INDEX reuses an index built beforehand: the lock is brief");
          return Phase::kCatalogOnly;
        }
        p->Does(TableWork::Kind::kIndexBuild, table.ToString());
        p->notes.push_back("builds the index while holding ACCESS EXCLUSIVE: build it with CREATE UNIQUE INDEX "
                           "CONCURRENTLY first and add the constraint USING INDEX");
        return Phase::kBlocking;
      default:
        titles->push_back(fmt::format("Add constraint {} on {}", name, table.ToString()));
        p->TakeLock(Lock::kAccessExclusive, table.ToString());
        if (c.contype() == pg_query::CONSTR_EXCLUSION) p->Does(TableWork::Kind::kIndexBuild, table.ToString());
        return Phase::kBlocking;
    }
  }

  const model::Catalog& catalog_;
  std::set<std::pair<model::QualifiedName, std::string>> proven_not_null_;               // (table, column)
  std::map<std::pair<model::QualifiedName, std::string>, std::string> pending_checks_;   // NOT VALID → column
  std::map<std::pair<model::QualifiedName, std::string>, model::QualifiedName> pending_fks_;
  std::map<std::pair<model::QualifiedName, std::string>, std::string> added_constraints_;  // → ADD statement
};

struct PlannedStatement {
  StatementPlan plan;
  std::size_t finding;
  std::size_t order;
};

std::string Resolves(const Finding& f) { return f.rule_id + " " + f.object; }

std::string StepList(const std::vector<int>& numbers) {
  std::string out;
  for (int n : numbers) out += (out.empty() ? "" : ", ") + std::to_string(n);
  return out;
}

}  // namespace

// Can the type change skip the rewrite? PostgreSQL skips it for binary-coercible changes that cannot
// fail: varchar(n) → text / varchar / varchar(m ≥ n), text → varchar, numeric(p,s) → numeric(q ≥ p, s)
// or unconstrained numeric (docs: ALTER TABLE, "Notes").
bool TypeChangeIsBinaryCoercible(const model::TypeName& from, const model::TypeName& to, bool has_using) {
  if (has_using || from.array_dims != to.array_dims) return false;
  if (from == to) return true;
  auto num = [](const std::vector<std::string>& mods, std::size_t i) -> long {
    try {
      return i < mods.size() ? std::stol(mods[i]) : -1;
    } catch (...) {
      return -1;
    }
  };
  if (from.name == "character varying") {
    if (to.name == "text") return true;
    if (to.name == "character varying") {
      if (to.modifiers.empty()) return true;
      return !from.modifiers.empty() && num(to.modifiers, 0) >= num(from.modifiers, 0);
    }
  }
  if (from.name == "text" && to.name == "character varying" && to.modifiers.empty()) return true;
  if (from.name == "numeric" && to.name == "numeric") {
    if (to.modifiers.empty()) return true;
    if (from.modifiers.empty()) return false;
    return num(to.modifiers, 0) >= num(from.modifiers, 0) && num(to.modifiers, 1) == num(from.modifiers, 1);
  }
  return false;
}

struct StatementPlanner::Impl {
  explicit Impl(const model::Catalog& catalog) : planner(catalog) {}
  Planner planner;
};

StatementPlanner::StatementPlanner(const model::Catalog& catalog) : impl_(std::make_unique<Impl>(catalog)) {}
StatementPlanner::~StatementPlanner() = default;

Result<StatementEffects> StatementPlanner::Describe(const std::string& name, const std::string& sql_text) {
  auto parsed = sql::ParseString(name, sql_text);
  if (!parsed.ok()) return parsed.status();
  StatementEffects out;
  Lock lock = Lock::kNone;
  std::vector<std::string> downs;
  for (const auto& statement : parsed->statements) {
    StatementPlan sp = impl_->planner.Plan(statement);
    lock = std::max(lock, sp.lock);
    for (const auto& l : sp.locked) {
      if (std::find(out.locked.begin(), out.locked.end(), l) == out.locked.end()) out.locked.push_back(l);
    }
    out.rewrites_table |= sp.rewrites;
    out.outside_transaction |= sp.outside_transaction;
    out.loses_data |= sp.loses_data;
    out.blocking |= sp.phase == Phase::kBlocking;
    for (const auto& w : sp.work) {
      if (std::find(out.work.begin(), out.work.end(), w) == out.work.end()) out.work.push_back(w);
    }
    if (!sp.down.empty()) downs.push_back(sp.down);
    for (const auto& n : sp.notes) {
      if (std::find(out.notes.begin(), out.notes.end(), n) == out.notes.end()) out.notes.push_back(n);
    }
  }
  out.lock_level = LockName(lock);
  std::reverse(downs.begin(), downs.end());
  for (const auto& d : downs) out.down_sql += (out.down_sql.empty() ? "" : "\n") + d;
  return out;
}

MigrationPlan PlanFixes(const Findings& findings, const model::Catalog& catalog) {
  MigrationPlan plan;
  Planner planner(catalog);

  // 1. Plan every statement, in finding order so each fix sees its own earlier statements (a VALIDATE
  //    before the SET NOT NULL that relies on it).
  struct Group {
    std::vector<StatementPlan> statements;
    Phase phase;
    bool outside_transaction;
    std::size_t finding;
    std::size_t order;
  };
  std::vector<Group> groups;
  std::size_t order = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.fix_sql.empty()) continue;
    auto parsed = sql::ParseString(f.rule_id + ":" + f.object, f.fix_sql);
    if (!parsed.ok()) {
      plan.notes.push_back(fmt::format("Could not plan the fix for {}: {}", Resolves(f), parsed.status().message()));
      continue;
    }
    Phase floor = Phase::kBuildIndexes;
    for (const auto& statement : parsed->statements) {
      StatementPlan sp = planner.Plan(statement);
      // A fix's statements keep their order: a statement never moves before the one written above it.
      sp.phase = std::max(sp.phase, floor);
      floor = sp.phase;
      // 2. Consecutive statements of one fix in the same phase and transaction mode form one step.
      if (!groups.empty() && groups.back().finding == i && groups.back().phase == sp.phase &&
          groups.back().outside_transaction == sp.outside_transaction && !sp.outside_transaction) {
        groups.back().statements.push_back(std::move(sp));
        continue;
      }
      Group g{{}, sp.phase, sp.outside_transaction, i, order++};
      g.statements.push_back(std::move(sp));
      groups.push_back(std::move(g));
    }
  }

  // 3. Order by phase; within a phase keep the findings' order.
  std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) { return a.phase < b.phase; });

  std::map<std::string, std::size_t> step_by_up;
  std::map<Phase, std::vector<int>> steps_by_phase;
  std::vector<int> concurrent_steps, rewrite_steps;
  for (const auto& g : groups) {
    MigrationStep step;
    std::vector<std::string> downs, notes, titles;
    Lock lock = Lock::kNone;
    std::vector<std::string> locked;
    for (const auto& s : g.statements) {
      step.up_sql += (step.up_sql.empty() ? "" : "\n") + s.up;
      if (!s.down.empty()) downs.push_back(s.down);
      titles.push_back(s.title);
      lock = std::max(lock, s.lock);
      for (const auto& l : s.locked) {
        if (std::find(locked.begin(), locked.end(), l) == locked.end()) locked.push_back(l);
      }
      step.rewrites_table |= s.rewrites;
      for (const auto& w : s.work) {
        if (std::find(step.work.begin(), step.work.end(), w) == step.work.end()) step.work.push_back(w);
      }
      step.outside_transaction |= s.outside_transaction;
      step.loses_data |= s.loses_data;
      for (const auto& n : s.notes) {
        if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
      }
    }
    // The same statement fixing two findings runs once.
    auto dup = step_by_up.find(step.up_sql);
    if (dup != step_by_up.end()) {
      auto& existing = plan.steps[dup->second].resolves;
      std::string r = Resolves(findings[g.finding]);
      if (std::find(existing.begin(), existing.end(), r) == existing.end()) existing.push_back(r);
      continue;
    }
    std::reverse(downs.begin(), downs.end());
    for (const auto& d : downs) step.down_sql += (step.down_sql.empty() ? "" : "\n") + d;
    for (const auto& t : titles) step.title += (step.title.empty() ? "" : ", then ") + t;
    step.lock_level = LockName(lock);
    step.locked = locked;
    if (!locked.empty()) {
      std::string on;
      for (const auto& l : locked) on += (on.empty() ? "" : ", ") + l;
      notes.insert(notes.begin(), step.lock_level + " on " + on);
    }
    for (const auto& n : notes) step.notes += (step.notes.empty() ? "" : "; ") + n;
    step.resolves.push_back(Resolves(findings[g.finding]));
    step.number = static_cast<int>(plan.steps.size()) + 1;
    step_by_up[step.up_sql] = plan.steps.size();
    steps_by_phase[g.phase].push_back(step.number);
    if (step.outside_transaction) concurrent_steps.push_back(step.number);
    if (step.rewrites_table) rewrite_steps.push_back(step.number);
    plan.steps.push_back(std::move(step));
  }

  if (plan.steps.empty()) return plan;
  plan.notes.push_back(
      "Start every session that runs a step with `SET lock_timeout = '5s';`: a DDL statement waiting for its "
      "lock behind a long transaction blocks every query queued after it. If the timeout fires, retry the step "
      "a few times with a pause (exponential backoff) instead of raising the timeout.");
  if (!concurrent_steps.empty()) {
    plan.notes.push_back(fmt::format(
        "Steps {} use CONCURRENTLY and cannot run inside a transaction block: give each its own migration "
        "without BEGIN/COMMIT (Flyway: a separate migration with `executeInTransaction=false` in its script "
        "configuration; golang-migrate: a file without a transaction; Liquibase: runInTransaction=\"false\"). A "
        "failed concurrent build leaves an INVALID index that IF NOT EXISTS would silently keep: drop it with "
        "DROP INDEX CONCURRENTLY before retrying.",
        StepList(concurrent_steps)));
  }
  if (!rewrite_steps.empty()) {
    plan.notes.push_back(fmt::format(
        "Steps {} rewrite their table under ACCESS EXCLUSIVE: nothing can read or write it until they finish, "
        "and the rewrite needs free disk space for a full copy of the table and its indexes "
        "(pg_total_relation_size). Run them in a maintenance window, or use the online alternative described "
        "in the finding.",
        StepList(rewrite_steps)));
  }
  std::string phases = "Deploy in phases:";
  int n = 1;
  for (const auto& [phase, numbers] : steps_by_phase) {
    phases += fmt::format(" ({}) {}: step{} {};", n++, PhaseName(phase), numbers.size() > 1 ? "s" : "",
                          StepList(numbers));
  }
  phases.back() = '.';
  plan.notes.push_back(phases +
                       " Online phases can ship with a normal deploy; verify each phase (e.g. that new indexes are "
                       "valid in pg_index.indisvalid) before starting the next.");
  return plan;
}

}  // namespace dbarch::analyzers
