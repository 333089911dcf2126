#include "analyzers/diff/diff_planner.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analyzers/diff/partition_rebuild.h"
#include "analyzers/lint/rules/rule_helpers.h"
#include "analyzers/sql_text.h"
#include "model/catalog_compare.h"
#include "model/catalog_sql.h"
#include "sql/parser.h"

namespace dbarch::analyzers::diff {
namespace {

using model::ObjectKind;
using model::QuoteIdent;

// Execution order of the plan's steps; see the header for what each phase holds.
enum class Phase {
  kSchemas,
  kExtensions,
  kEnums,
  kDomains,
  kSequences,
  kFunctions,
  kDropDependents,
  kDropIndexes,
  kRenames,
  kCreateTables,
  kColumns,
  kBackfill,
  kIndexes,
  kChecks,
  kValidateChecks,
  kSetNotNull,
  kKeys,
  kForeignKeys,
  kValidateForeignKeys,
  kViews,
  kTriggers,
  kPolicies,
  kComments,
  kContract,
};

struct Draft {
  Phase phase;
  std::string title;
  std::string up;    // statements, each ending in ";"
  std::string down;  // statements, each ending in ";" ("" when nothing to undo)
  bool loses_data = false;
  std::vector<std::string> notes;
  std::string not_restorable;  // what the down SQL cannot bring back
  std::vector<TableWork> work;  // beyond what the statement planner reads off the SQL (a backfill's table)
  bool rewrites = false;        // writes the table's rows anew (a copy into a rebuilt table)
  // The rows the statements drop were copied elsewhere first: the statement planner's data-loss verdict (and
  // its notes) do not apply.
  bool rows_kept = false;
  bool statement_notes = true;  // false when the statement planner's notes would mislead (a swap by renames)
};

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The function's signature for DROP FUNCTION: name(argtype, …).
std::string FunctionSignatureSql(const model::Function& f) {
  return f.name.ToSql() + "(" + Join(f.argument_types, ", ") + ")";
}

std::string FunctionReplaceSql(const model::Catalog& catalog, const model::Function& f) {
  std::string sql = model::FunctionSql(catalog, f);
  for (const char* kind : {"FUNCTION", "PROCEDURE"}) {
    std::string prefix = std::string("CREATE ") + kind;
    if (StartsWith(sql, prefix)) return "CREATE OR REPLACE " + sql.substr(7);
  }
  return sql;
}

std::string SequenceOptionsSql(const model::Sequence& s) {
  std::string out = " AS " + s.data_type;
  out += fmt::format(" INCREMENT BY {}", s.increment.value_or(1));
  out += s.min_value ? fmt::format(" MINVALUE {}", *s.min_value) : " NO MINVALUE";
  out += s.max_value ? fmt::format(" MAXVALUE {}", *s.max_value) : " NO MAXVALUE";
  if (s.start) out += fmt::format(" START WITH {}", *s.start);
  out += s.cycle ? " CYCLE" : " NO CYCLE";
  return out;
}

std::string DomainSql(const model::Domain& d) {
  std::string sql = fmt::format("CREATE DOMAIN {} AS {}", d.name.ToSql(), model::TypeSql(d.base_type));
  if (d.default_expr) sql += " DEFAULT " + *d.default_expr;
  if (d.not_null) sql += " NOT NULL";
  for (std::size_t i = 0; i < d.checks.size(); ++i) {
    if (i < d.check_names.size() && !d.check_names[i].empty()) sql += " CONSTRAINT " + QuoteIdent(d.check_names[i]);
    sql += " CHECK (" + d.checks[i] + ")";
  }
  return sql + ";";
}

std::string EnumSql(const model::EnumType& e) {
  std::vector<std::string> values;
  for (const auto& v : e.values) values.push_back(QuoteLiteral(v));
  return fmt::format("CREATE TYPE {} AS ENUM ({});", e.name.ToSql(), Join(values, ", "));
}

std::string CommentSql(const std::string& target, const std::optional<std::string>& comment) {
  return fmt::format("COMMENT ON {} IS {};", target, comment ? QuoteLiteral(*comment) : "NULL");
}

// The name PostgreSQL would give a CHECK on one column, cut to NAMEDATALEN - 1.
std::string NotNullCheckName(const model::QualifiedName& table, const std::string& column) {
  std::string name = table.name + "_" + column + "_not_null";
  if (name.size() > 63) name.resize(63);
  return name;
}

// Whether a default expression calls a volatile function, so ADD COLUMN … DEFAULT would rewrite the table.
bool DefaultIsVolatile(const std::string& expression) {
  auto parsed = sql::ParseOne("SELECT " + expression);
  if (!parsed.ok() || !parsed->has_select_stmt() || parsed->select_stmt().target_list_size() != 1) return true;
  const auto& target = parsed->select_stmt().target_list(0);
  if (!target.has_res_target()) return true;
  return !lint::VolatileFunction(target.res_target().val()).empty();
}

class Builder {
 public:
  Builder(const SchemaDiff& diff, const model::Catalog& to, const PlanOptions& options)
      : diff_(diff), from_(diff.renamed_from), to_(to), options_(options) {}

  Result<DiffPlan> Run() {
    PlanPartitionRebuilds();
    Classify();
    for (const auto& r : diff_.applied_renames) PlanRename(r);
    PlanViews();
    PlanAroundTypeChanges();
    for (const auto& change : diff_.changes) Plan(change);
    return Finish();
  }

 private:
  void Add(Draft draft) { drafts_.push_back(std::move(draft)); }
  void NotPlanned(const ObjectChange& change, const std::string& what) {
    out_.not_planned.push_back(change.object + ": " + what);
  }

  // Partitioned tables whose key or strategy changes are rebuilt (analyzers/diff/partition_rebuild.h): the
  // table and its partitions are then planned there only, or, when the rebuild is refused, not at all.
  void PlanPartitionRebuilds() {
    for (const auto& c : diff_.changes) {
      if (c.ref.kind != ObjectKind::kTable || c.change != ChangeKind::kChanged) continue;
      bool key_changed = false;
      for (const auto& f : c.fields) key_changed |= f.field == "partition_strategy" || StartsWith(f.field, "partition_keys");
      const model::Table* was = from_.FindTable(c.ref.name);
      const model::Table* now = to_.FindTable(c.ref.name);
      // Also a plain table becoming partitioned, or a partitioned one becoming plain: the same rebuild.
      if (!key_changed || !was || !now || was->kind == model::TableKind::kForeign ||
          now->kind == model::TableKind::kForeign || was->partition_of || now->partition_of) {
        continue;
      }
      const PartitionRebuild rebuild = PlanPartitionRebuild(from_, to_, c.ref.name);
      rebuilt_family_.insert(rebuild.tables.begin(), rebuild.tables.end());
      const std::string key = [&] {
        std::string keys;
        for (const auto& k : now->partition_keys) keys += (keys.empty() ? "" : ", ") + k;
        return now->partition_strategy.empty() ? std::string("nothing (a plain table)") : now->partition_strategy + " (" + keys + ")";
      }();
      if (!rebuild.refused.empty()) {
        NotPlanned(c, "partition key or strategy change to " + key + " needs a rebuild of the table, not planned: " +
                          rebuild.refused + " (this table and its partitions are left as they are)");
        continue;
      }
      const std::string name = c.ref.name.ToString();
      Draft create{Phase::kCreateTables,
                   "Create " + name + "_dbnew " + (now->partition_strategy.empty() ? "as a plain table" : "partitioned by " + key + ", with its partitions"),
                   rebuild.create_sql, rebuild.create_down_sql};
      create.notes.push_back("PostgreSQL cannot change a partition key or strategy in place: the table is rebuilt "
                             "under a temporary name, filled, swapped in by renames and the old one dropped");
      Add(std::move(create));
      Draft copy{Phase::kBackfill, "Copy the rows of " + name + " into " + name + "_dbnew", rebuild.copy_sql, ""};
      // A partitioned table holds no rows itself: its partitions are what is read.
      copy.work.push_back({TableWork::Kind::kRewrite, name});
      for (const auto& [partition, t] : from_.tables) {
        if (t.partition_of && *t.partition_of == c.ref.name) copy.work.push_back({TableWork::Kind::kRewrite, partition.ToString()});
      }
      copy.rewrites = true;
      copy.notes.push_back("reads " + name + " under ACCESS SHARE: the application keeps reading and writing, but rows "
                           "written after the copy are not in the new table — pause writes to it until the swap, or "
                           "mirror them with a trigger; on a large table copy in key ranges, committing between them");
      copy.notes.push_back("a row no partition of the new table accepts fails the copy (it rolls back, nothing is lost): "
                           "add a DEFAULT partition if unsure");
      Add(std::move(copy));
      Draft swap{Phase::kKeys, "Swap " + name + "_dbnew in for " + name, rebuild.swap_sql, rebuild.swap_down_sql};
      swap.notes.push_back("renames only, in one transaction: brief, but ACCESS EXCLUSIVE on the old and the new table "
                           "and their partitions; queries waiting on the old table see the new one once it commits");
      swap.statement_notes = false;
      Add(std::move(swap));
      Draft drop{Phase::kContract,
                 "Drop the old " + name + " (now " + name + "_dbold)" + (was->partition_strategy.empty() ? "" : " with its partitions"),
                 rebuild.drop_sql, rebuild.drop_down_sql};
      drop.rows_kept = true;
      drop.notes.push_back("its rows were copied into the new table; the rollback recreates it and copies them back");
      Add(std::move(drop));
    }
  }

  bool InRebuiltFamily(const ObjectChange& c) const {
    if (rebuilt_family_.empty()) return false;
    if (c.ref.kind == ObjectKind::kIndex) {
      for (const auto* catalog : {&from_, &to_}) {
        auto it = catalog->indexes.find(c.ref.name);
        if (it != catalog->indexes.end() && rebuilt_family_.count(it->second.table)) return true;
      }
      return false;
    }
    return (c.ref.kind == ObjectKind::kTable || c.ref.kind == ObjectKind::kColumn || c.ref.kind == ObjectKind::kConstraint ||
            c.ref.kind == ObjectKind::kTrigger || c.ref.kind == ObjectKind::kPolicy) &&
           rebuilt_family_.count(c.ref.name);
  }

  // Tables added or dropped, and tables whose columns change in a way a view reading them cannot survive.
  void Classify() {
    for (const auto& c : diff_.changes) {
      if (InRebuiltFamily(c)) continue;
      if (c.ref.kind == ObjectKind::kTable && c.change == ChangeKind::kAdded) added_tables_.insert(c.ref.name);
      if (c.ref.kind == ObjectKind::kTable && c.change == ChangeKind::kDropped) dropped_tables_.insert(c.ref.name);
      if (c.ref.kind == ObjectKind::kColumn &&
          (c.change == ChangeKind::kDropped || c.Field("type") || c.Field("collation") || c.Field("generated"))) {
        reshaped_tables_.insert(c.ref.name);
        if (c.change == ChangeKind::kChanged) retyped_columns_.insert({c.ref.name, c.ref.member});
      }
      if (c.ref.kind == ObjectKind::kView && c.change != ChangeKind::kAdded) {
        bool comment_only = c.change == ChangeKind::kChanged && c.fields.size() == 1 && c.fields[0].field == "comment";
        if (!comment_only) recreated_views_.insert(c.ref.name);
      }
    }
    for (const auto& r : diff_.applied_renames) {
      if (!r.column.empty()) reshaped_tables_.insert(model::QualifiedName{r.table.schema, r.table.name});
    }
    // Views reading a reshaped table, and views reading a recreated view, transitively.
    bool grew = true;
    while (grew) {
      grew = false;
      for (const auto& [name, view] : from_.views) {
        if (recreated_views_.count(name)) continue;
        for (const auto& read : view.reads) {
          if (reshaped_tables_.count(read) || recreated_views_.count(read) || dropped_tables_.count(read)) {
            recreated_views_.insert(name);
            grew = true;
            break;
          }
        }
      }
    }
  }

  // Indexes with a predicate or expression keys and triggers with UPDATE OF or WHEN on a table whose column
  // changes type: PostgreSQL cannot carry them across the change (their expressions were typed for the old
  // type, and a trigger's column list blocks ALTER TYPE), so they are dropped before and recreated after.
  void PlanAroundTypeChanges() {
    std::set<model::QualifiedName> tables;
    for (const auto& [table, column] : retyped_columns_) tables.insert(table);
    for (const auto& table : tables) {
      for (const auto* index : from_.IndexesOn(table)) {
        bool expressions = !index->predicate.empty();
        for (const auto& k : index->keys) expressions |= !k.expression.empty();
        if (!expressions || !index->constraint_name.empty()) continue;
        rebuilt_indexes_.insert(index->name);
        Add({Phase::kDropIndexes, "Drop index " + index->name.ToString() + " around the type change",
             DropIndexConcurrentlySql(index->name), IndexDefinitionSql(*index, {.concurrently = true, .if_not_exists = true})});
        auto now = to_.indexes.find(index->name);
        if (now != to_.indexes.end()) {
          Add({Phase::kIndexes, "Rebuild index " + index->name.ToString() + " concurrently",
               IndexDefinitionSql(now->second, {.concurrently = true, .if_not_exists = true}),
               DropIndexConcurrentlySql(index->name)});
        }
      }
      for (const auto& t : from_.triggers) {
        if (t.table != table || (t.update_columns.empty() && t.when_expr.empty())) continue;
        rebuilt_triggers_.insert({t.table, t.name});
        Add({Phase::kDropDependents, "Drop trigger " + t.name + " on " + table.ToString() + " around the type change",
             fmt::format("DROP TRIGGER {} ON {};", QuoteIdent(t.name), table.ToSql()), model::TriggerSql(t) + ";"});
        if (const model::Trigger* now = FindOn(to_.triggers, table, t.name)) {
          Add({Phase::kTriggers, "Recreate trigger " + t.name + " on " + table.ToString(), model::TriggerSql(*now) + ";",
               fmt::format("DROP TRIGGER IF EXISTS {} ON {};", QuoteIdent(t.name), table.ToSql())});
        }
      }
    }
  }

  // Views of `catalog` among `names`, each after the views it reads.
  static std::vector<const model::View*> ViewOrder(const model::Catalog& catalog, const std::set<model::QualifiedName>& names) {
    std::vector<const model::View*> out;
    std::set<model::QualifiedName> done, visiting;
    std::function<void(const model::QualifiedName&)> visit = [&](const model::QualifiedName& name) {
      if (done.count(name) || visiting.count(name) || !names.count(name)) return;
      auto it = catalog.views.find(name);
      if (it == catalog.views.end()) return;
      visiting.insert(name);
      for (const auto& read : it->second.reads) visit(read);
      done.insert(name);
      out.push_back(&it->second);
    };
    for (const auto& name : names) visit(name);
    return out;
  }

  std::string ViewDropSql(const model::View& v) const {
    return fmt::format("DROP {}VIEW {};", v.materialized ? "MATERIALIZED " : "", v.name.ToSql());
  }
  // CREATE VIEW with the indexes (materialized views) and comment the catalog gives it.
  std::string ViewCreateSql(const model::Catalog& catalog, const model::View& v) const {
    std::string sql = model::ViewSql(v) + ";";
    for (const auto* index : catalog.IndexesOn(v.name)) sql += "\n" + model::IndexSql(*index) + ";";
    if (v.comment) sql += "\n" + CommentSql((v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + v.name.ToSql(), v.comment);
    return sql;
  }

  void PlanViews() {
    // Drop readers first.
    auto drop_order = ViewOrder(from_, recreated_views_);
    std::reverse(drop_order.begin(), drop_order.end());
    for (const auto* v : drop_order) {
      Draft d{Phase::kDropDependents, "Drop view " + v->name.ToString() + (to_.views.count(v->name) ? " (recreated later)" : ""),
              ViewDropSql(*v), ViewCreateSql(from_, *v)};
      if (v->materialized && to_.views.count(v->name)) d.notes.push_back("the materialized view is refilled when recreated");
      Add(std::move(d));
    }
    std::set<model::QualifiedName> create;
    for (const auto& name : recreated_views_) {
      if (to_.views.count(name)) create.insert(name);
    }
    for (const auto& c : diff_.changes) {
      if (c.ref.kind == ObjectKind::kView && c.change == ChangeKind::kAdded) create.insert(c.ref.name);
    }
    for (const auto* v : ViewOrder(to_, create)) {
      Add({Phase::kViews, "Create view " + v->name.ToString(), ViewCreateSql(to_, *v),
           ViewDropSql(*v)});
    }
  }

  void PlanRename(const Rename& r) {
    Draft d{Phase::kRenames, "Rename " + r.ToString(), "", ""};
    if (r.column.empty()) {
      model::QualifiedName renamed{r.table.schema, r.to};
      d.up = fmt::format("ALTER TABLE {} RENAME TO {};", r.table.ToSql(), QuoteIdent(r.to));
      d.down = fmt::format("ALTER TABLE {} RENAME TO {};", renamed.ToSql(), QuoteIdent(r.table.name));
    } else {
      // The rename is applied to the from side first, so the table already has its new name here if it
      // was renamed too: use the name the table has when the step runs.
      model::QualifiedName table = r.table;
      for (const auto& tr : diff_.applied_renames) {
        if (tr.column.empty() && tr.table == r.table) table.name = tr.to;
      }
      d.up = fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {};", table.ToSql(), QuoteIdent(r.column), QuoteIdent(r.to));
      d.down = fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {};", table.ToSql(), QuoteIdent(r.to), QuoteIdent(r.column));
    }
    d.notes.push_back("zero-downtime alternative: add the new column, keep both in sync with a trigger, backfill, "
                      "switch the application, then drop the old one");
    Add(std::move(d));
  }

  void Plan(const ObjectChange& c) {
    if (InRebuiltFamily(c)) return;  // see PlanPartitionRebuilds
    switch (c.ref.kind) {
      case ObjectKind::kSchema: return PlanSchema(c);
      case ObjectKind::kExtension: return PlanExtension(c);
      case ObjectKind::kTable: return PlanTable(c);
      case ObjectKind::kColumn: return PlanColumn(c);
      case ObjectKind::kConstraint: return PlanConstraint(c);
      case ObjectKind::kIndex: return PlanIndex(c);
      case ObjectKind::kView: return PlanViewComment(c);
      case ObjectKind::kSequence: return PlanSequence(c);
      case ObjectKind::kEnum: return PlanEnum(c);
      case ObjectKind::kDomain: return PlanDomain(c);
      case ObjectKind::kFunction: return PlanFunction(c);
      case ObjectKind::kTrigger: return PlanTrigger(c);
      case ObjectKind::kPolicy: return PlanPolicy(c);
      case ObjectKind::kRole: return NotPlanned(c, "roles are cluster-wide: create or alter them outside the migration");
      case ObjectKind::kGrant: return PlanGrant(c);
    }
  }

  void PlanSchema(const ObjectChange& c) {
    const std::string name = QuoteIdent(c.ref.name.name);
    if (c.change == ChangeKind::kAdded) {
      Add({Phase::kSchemas, "Create schema " + c.ref.name.name, "CREATE SCHEMA " + name + ";", "DROP SCHEMA " + name + ";"});
    } else if (c.change == ChangeKind::kDropped) {
      Add({Phase::kContract, "Drop schema " + c.ref.name.name, "DROP SCHEMA " + name + ";", "CREATE SCHEMA " + name + ";"});
      return;
    }
    const model::Schema& now = to_.schemas.at(c.ref.name.name);
    const model::Schema& was = from_.schemas.at(c.ref.name.name);
    for (const auto& f : c.fields) {
      if (f.field == "owner") {
        // The roles are cluster-wide and not part of the plan: the new owner must exist (as for grants).
        Draft d{Phase::kSchemas, "Change owner of schema " + c.ref.name.name + " to " + now.owner,
                fmt::format("ALTER SCHEMA {} OWNER TO {};", name, QuoteIdent(now.owner)),
                fmt::format("ALTER SCHEMA {} OWNER TO {};", name, QuoteIdent(was.owner))};
        d.notes.push_back("role " + now.owner + " must exist: roles are cluster-wide and created outside the migration");
        Add(std::move(d));
      } else if (f.field == "comment") {
        Add({Phase::kComments, "Comment on schema " + c.ref.name.name, CommentSql("SCHEMA " + name, now.comment),
             CommentSql("SCHEMA " + name, was.comment)});
      } else {
        NotPlanned(c, f.field + " changes (" + f.from + " → " + f.to + ") are not planned yet");
      }
    }
  }

  void PlanExtension(const ObjectChange& c) {
    const std::string name = QuoteIdent(c.ref.name.name);
    auto create = [&](const model::Catalog& catalog) {
      auto it = catalog.extensions.find(c.ref.name.name);
      std::string schema = it != catalog.extensions.end() && !it->second.schema.empty() ? " SCHEMA " + QuoteIdent(it->second.schema) : "";
      return "CREATE EXTENSION IF NOT EXISTS " + name + schema + ";";
    };
    if (c.change == ChangeKind::kAdded) {
      Add({Phase::kExtensions, "Create extension " + c.ref.name.name, create(to_), "DROP EXTENSION IF EXISTS " + name + ";"});
    } else if (c.change == ChangeKind::kDropped) {
      Add({Phase::kContract, "Drop extension " + c.ref.name.name, "DROP EXTENSION " + name + ";", create(from_)});
    } else if (c.Field("schema")) {
      // Its member objects move with it; what refers to them by OID (columns, indexes, operator classes) follows,
      // SQL text that names the old schema (function bodies, search_path) does not.
      const std::string& now = to_.extensions.at(c.ref.name.name).schema;
      const std::string& was = from_.extensions.at(c.ref.name.name).schema;
      Draft d{Phase::kExtensions, "Move extension " + c.ref.name.name + " to schema " + now,
              fmt::format("ALTER EXTENSION {} SET SCHEMA {};", name, QuoteIdent(now)),
              fmt::format("ALTER EXTENSION {} SET SCHEMA {};", name, QuoteIdent(was))};
      d.notes.push_back("only relocatable extensions can move (the step fails otherwise); function bodies and "
                        "search_path settings that name schema " + was + " must be updated with it");
      Add(std::move(d));
    }
  }

  // ----- tables

  std::string TableExtrasSql(const model::Catalog& catalog, const model::Table& t) const {
    std::string sql;
    for (const auto* index : catalog.IndexesOn(t.name)) {
      if (index->constraint_name.empty()) sql += "\n" + model::IndexSql(*index) + ";";
    }
    for (const auto& c : t.constraints) {
      if (c.kind == model::ConstraintKind::kCheck && c.not_valid) {
        sql += fmt::format("\nALTER TABLE {} ADD {} NOT VALID;", t.name.ToSql(), model::ConstraintSql(catalog, t, c));
      }
    }
    if (t.rls_enabled) sql += fmt::format("\nALTER TABLE {} ENABLE ROW LEVEL SECURITY;", t.name.ToSql());
    if (t.rls_forced) sql += fmt::format("\nALTER TABLE {} FORCE ROW LEVEL SECURITY;", t.name.ToSql());
    if (t.comment) sql += "\n" + CommentSql("TABLE " + t.name.ToSql(), t.comment);
    for (const auto& col : t.columns) {
      if (col.comment) sql += "\n" + CommentSql("COLUMN " + t.name.ToSql() + "." + QuoteIdent(col.name), col.comment);
    }
    return sql;
  }

  std::string TableCreateSql(const model::Catalog& catalog, const model::Table& t) const {
    std::string sql = model::TableSql(catalog, t);
    while (!sql.empty() && sql.back() == '\n') sql.pop_back();
    return sql + TableExtrasSql(catalog, t);
  }

  std::string ForeignKeysSql(const model::Catalog& catalog, const model::Table& t) const {
    std::string sql;
    for (const auto& c : t.constraints) {
      if (c.kind != model::ConstraintKind::kForeignKey) continue;
      sql += fmt::format("{}ALTER TABLE {} ADD {}{};", sql.empty() ? "" : "\n", t.name.ToSql(),
                         model::ConstraintSql(catalog, t, c), c.not_valid ? " NOT VALID" : "");
    }
    return sql;
  }

  void PlanTable(const ObjectChange& c) {
    if (c.change == ChangeKind::kAdded) {
      const model::Table& t = to_.tables.at(c.ref.name);
      // Parents first: a partition or child is created after the table it belongs to.
      int depth = 0;
      for (const model::Table* p = &t; p && p->partition_of; p = to_.FindTable(*p->partition_of)) ++depth;
      if (!t.inherits.empty()) ++depth;
      Draft d{Phase::kCreateTables, "Create table " + t.name.ToString(), TableCreateSql(to_, t),
              fmt::format("DROP TABLE {};", t.name.ToSql())};
      table_depth_[t.name] = depth;
      Add(std::move(d));
      std::string fks = ForeignKeysSql(to_, t);
      if (!fks.empty()) {
        Add({Phase::kForeignKeys, "Add foreign keys of new table " + t.name.ToString(), fks,
             DropConstraintsSql(t, model::ConstraintKind::kForeignKey)});
      }
      return;
    }
    if (c.change == ChangeKind::kDropped) {
      const model::Table& t = from_.tables.at(c.ref.name);
      std::string down = TableCreateSql(from_, t);
      std::string fks = ForeignKeysSql(from_, t);
      if (!fks.empty()) down += "\n" + fks;
      for (const auto& tr : from_.triggers) {
        if (tr.table == t.name) down += "\n" + model::TriggerSql(tr) + ";";
      }
      for (const auto& p : from_.policies) {
        if (p.table == t.name) down += "\n" + model::PolicySql(p) + ";";
      }
      Draft d{Phase::kContract, "Drop table " + t.name.ToString(), fmt::format("DROP TABLE {};", t.name.ToSql()), down};
      d.loses_data = true;
      d.not_restorable = "the rows of " + t.name.ToString() + " (the rollback recreates the table empty)";
      Add(std::move(d));
      return;
    }
    const std::string t = c.ref.name.ToSql();
    if (c.Field("partition_of") || c.Field("partition_bound")) PlanPartitionChange(c);
    for (const auto& f : c.fields) {
      if (f.field == "partition_of" || f.field == "partition_bound") continue;
      if (f.field == "rls_enabled") {
        bool on = f.to == "true";
        Add({Phase::kPolicies, (on ? "Enable" : "Disable") + std::string(" row-level security on ") + c.ref.name.ToString(),
             fmt::format("ALTER TABLE {} {} ROW LEVEL SECURITY;", t, on ? "ENABLE" : "DISABLE"),
             fmt::format("ALTER TABLE {} {} ROW LEVEL SECURITY;", t, on ? "DISABLE" : "ENABLE")});
      } else if (f.field == "rls_forced") {
        bool on = f.to == "true";
        Add({Phase::kPolicies, (on ? "Force" : "Stop forcing") + std::string(" row-level security on ") + c.ref.name.ToString(),
             fmt::format("ALTER TABLE {} {}FORCE ROW LEVEL SECURITY;", t, on ? "" : "NO "),
             fmt::format("ALTER TABLE {} {}FORCE ROW LEVEL SECURITY;", t, on ? "NO " : "")});
      } else if (f.field == "comment") {
        Add({Phase::kComments, "Comment on table " + c.ref.name.ToString(),
             CommentSql("TABLE " + t, to_.tables.at(c.ref.name).comment),
             CommentSql("TABLE " + t, from_.tables.at(c.ref.name).comment)});
      } else if (f.field == "column order") {
        out_.plan.notes.push_back("Column order of " + c.ref.name.ToString() +
                                  " differs: PostgreSQL adds columns at the end, so the new ones stay last.");
      } else {
        NotPlanned(c, f.field + " changes (" + f.from + " → " + f.to + ") are not planned yet");
      }
    }
  }

  // A table leaving or joining a partitioned table, or moving to other bounds: plain DETACH (brief ACCESS
  // EXCLUSIVE on the parent — CONCURRENTLY would leave a CHECK copy of the partition constraint behind and
  // cannot run in a transaction) early, ATTACH (SHARE UPDATE EXCLUSIVE on the parent, ACCESS EXCLUSIVE on the
  // table and a scan of it unless a validated CHECK implies the bound) late, after the checks are validated.
  void PlanPartitionChange(const ObjectChange& c) {
    const model::Table& was = from_.tables.at(c.ref.name);
    const model::Table& now = to_.tables.at(c.ref.name);
    auto bound = [](const model::Table& t) { return t.partition_bound.empty() ? std::string("DEFAULT") : t.partition_bound; };
    auto detach = [&](const model::Table& t) {
      return fmt::format("ALTER TABLE {} DETACH PARTITION {};", t.partition_of->ToSql(), t.name.ToSql());
    };
    auto attach = [&](const model::Table& t) {
      return fmt::format("ALTER TABLE {} ATTACH PARTITION {} {};", t.partition_of->ToSql(), t.name.ToSql(), bound(t));
    };
    const std::string name = c.ref.name.ToString();
    if (was.partition_of) {
      Draft d{Phase::kDropDependents, "Detach partition " + name + " from " + was.partition_of->ToString(), detach(was),
              attach(was)};
      d.notes.push_back("the parent's queries no longer see its rows; DETACH … CONCURRENTLY (PostgreSQL 14+) would "
                        "take only SHARE UPDATE EXCLUSIVE but runs outside a transaction and leaves a CHECK copy of "
                        "the partition constraint on the table");
      Add(std::move(d));
    }
    if (now.partition_of) {
      Draft d{Phase::kKeys, "Attach partition " + name + " to " + now.partition_of->ToString() + " " + bound(now),
              attach(now), detach(now)};
      d.notes.push_back("every row must fit the bound or the step fails and rolls back");
      Add(std::move(d));
    }
  }

  std::string DropConstraintsSql(const model::Table& t, model::ConstraintKind kind) const {
    std::string sql;
    for (const auto& c : t.constraints) {
      if (c.kind == kind) {
        sql += fmt::format("{}ALTER TABLE {} DROP CONSTRAINT IF EXISTS {};", sql.empty() ? "" : "\n", t.name.ToSql(),
                           QuoteIdent(c.name));
      }
    }
    return sql;
  }

  bool TableIsNewOrGone(const model::QualifiedName& table) const {
    return added_tables_.count(table) || dropped_tables_.count(table);
  }

  // ----- columns

  // CHECK (col IS NOT NULL) NOT VALID → VALIDATE → SET NOT NULL → drop the check: no long ACCESS EXCLUSIVE.
  void PlanSetNotNull(const model::QualifiedName& table, const std::string& column) {
    const std::string t = table.ToSql();
    const std::string col = QuoteIdent(column);
    const std::string check = QuoteIdent(NotNullCheckName(table, column));
    const std::string object = table.ToString() + "." + column;
    Add({Phase::kChecks, "Add CHECK (" + column + " IS NOT NULL) NOT VALID on " + table.ToString(),
         fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID;", t, check, col),
         fmt::format("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {};", t, check)});
    Add({Phase::kValidateChecks, "Validate the NOT NULL check of " + object,
         fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {};", t, check), ""});
    Draft d{Phase::kSetNotNull, "Set NOT NULL on " + object,
            fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;\nALTER TABLE {} DROP CONSTRAINT {};", t, col, t, check),
            fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID;\n"
                        "ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;",
                        t, check, col, t, col)};
    d.notes.push_back("the check is then redundant");
    Add(std::move(d));
  }

  void PlanAddColumn(const model::Table& table, const model::Column& col) {
    const std::string t = table.name.ToSql();
    const std::string name = QuoteIdent(col.name);
    const std::string object = table.name.ToString() + "." + col.name;
    const std::string drop = fmt::format("ALTER TABLE {} DROP COLUMN IF EXISTS {};", t, name);
    std::string comment = col.comment ? "\n" + CommentSql("COLUMN " + t + "." + name, col.comment) : "";
    bool plain = col.generated_expr || col.identity != model::IdentityKind::kNone ||
                 (col.default_expr && !DefaultIsVolatile(*col.default_expr)) || (!col.default_expr && !col.not_null);
    if (plain) {
      Draft d{Phase::kColumns, "Add column " + object,
              fmt::format("ALTER TABLE {} ADD COLUMN {};", t, model::ColumnDefinitionSql(to_, table, col)) + comment, drop};
      if (col.default_expr && !col.generated_expr && col.identity == model::IdentityKind::kNone) {
        d.notes.push_back("a non-volatile default is stored in the catalog (PostgreSQL 11+): no rewrite, even NOT NULL");
      }
      Add(std::move(d));
      return;
    }
    // Expand: a nullable column without default is instant; new rows get the default; old rows are filled in
    // batches; NOT NULL comes through a validated check.
    model::Column nullable = col;
    nullable.not_null = false;
    nullable.default_expr.reset();
    std::string up = fmt::format("ALTER TABLE {} ADD COLUMN {};", t, model::ColumnDefinitionSql(to_, table, nullable));
    if (col.default_expr) up += fmt::format("\nALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t, name, *col.default_expr);
    Add({Phase::kColumns, "Add column " + object + " (nullable first)", up + comment, drop});
    if (col.default_expr) {
      Draft b{Phase::kBackfill, "Backfill " + object + " in batches",
              fmt::format("DO $backfill$\nDECLARE\n  updated bigint;\nBEGIN\n  LOOP\n"
                          "    UPDATE {t} SET {c} = {e} WHERE ctid = ANY (ARRAY(\n"
                          "      SELECT ctid FROM {t} WHERE {c} IS NULL LIMIT {n} FOR UPDATE SKIP LOCKED));\n"
                          "    GET DIAGNOSTICS updated = ROW_COUNT;\n    EXIT WHEN updated = 0;\n    COMMIT;\n"
                          "    PERFORM pg_sleep({s});\n  END LOOP;\nEND\n$backfill$;",
                          fmt::arg("t", t), fmt::arg("c", name), fmt::arg("e", *col.default_expr),
                          fmt::arg("n", options_.backfill_batch_rows), fmt::arg("s", options_.backfill_pause_seconds)),
              ""};
      b.work.push_back({TableWork::Kind::kBackfill, table.name.ToString()});
      b.notes.push_back(fmt::format("{} rows per batch, {} s pause; commits between batches, so row locks are short "
                                    "and autovacuum keeps up",
                                    options_.backfill_batch_rows, options_.backfill_pause_seconds));
      Add(std::move(b));
    } else if (col.not_null) {
      out_.plan.notes.push_back("Column " + object + " is NOT NULL without a default: the application must fill it "
                                "for existing rows before the NOT NULL steps (their VALIDATE fails otherwise).");
    }
    if (col.not_null) PlanSetNotNull(table.name, col.name);
  }

  void PlanColumn(const ObjectChange& c) {
    if (TableIsNewOrGone(c.ref.name)) return;  // created or dropped with its table
    const std::string t = c.ref.name.ToSql();
    const std::string col = QuoteIdent(c.ref.member);
    const std::string object = c.ref.name.ToString() + "." + c.ref.member;
    if (c.change == ChangeKind::kAdded) {
      const model::Table& table = to_.tables.at(c.ref.name);
      PlanAddColumn(table, *table.FindColumn(c.ref.member));
      return;
    }
    const model::Table& old_table = from_.tables.at(c.ref.name);
    const model::Column& old_col = *old_table.FindColumn(c.ref.member);
    if (c.change == ChangeKind::kDropped) {
      Draft d{Phase::kContract, "Drop column " + object, fmt::format("ALTER TABLE {} DROP COLUMN {};", t, col),
              fmt::format("ALTER TABLE {} ADD COLUMN {};", t, model::ColumnDefinitionSql(from_, old_table, old_col))};
      d.loses_data = true;
      d.not_restorable = "the values of " + object + " (the rollback adds the column back " +
                         (old_col.default_expr ? "with its default" : "empty") + ")";
      Add(std::move(d));
      return;
    }
    const model::Table& new_table = to_.tables.at(c.ref.name);
    const model::Column& new_col = *new_table.FindColumn(c.ref.member);
    if (c.Field("generated")) {
      // A column ceasing to be generated becomes a plain one in place; its other changes (type, default,
      // NOT NULL, comment) are then those of a plain column. The other generated changes are whole steps.
      if (!PlanGeneratedChange(c, old_table, new_table, old_col, new_col)) return;
    }
    if (c.Field("type") || c.Field("collation")) PlanTypeChange(c.ref.name, old_col, new_col);
    for (const auto& f : c.fields) {
      if (f.field == "type" || f.field == "collation" || f.field == "is_user_type" || f.field == "generated") continue;
      if (f.field == "not_null") {
        if (new_col.not_null) {
          PlanSetNotNull(c.ref.name, c.ref.member);
        } else {
          Add({Phase::kColumns, "Drop NOT NULL on " + object,
               fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", t, col),
               fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", t, col)});
        }
      } else if (f.field == "default") {
        auto set = [&](const model::Column& column) {
          return column.default_expr
                     ? fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t, col, *column.default_expr)
                     : fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", t, col);
        };
        Draft d{Phase::kColumns, (new_col.default_expr ? "Set default of " : "Drop default of ") + object, set(new_col),
                set(old_col)};
        d.notes.push_back("applies to new rows only: existing rows keep their values");
        Add(std::move(d));
      } else if (f.field == "identity") {
        auto kind = [](model::IdentityKind k) { return k == model::IdentityKind::kAlways ? "ALWAYS" : "BY DEFAULT"; };
        auto change = [&](const model::Column& a, const model::Column& b) {
          if (b.identity == model::IdentityKind::kNone) return fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP IDENTITY;", t, col);
          if (a.identity == model::IdentityKind::kNone)
            return fmt::format("ALTER TABLE {} ALTER COLUMN {} ADD GENERATED {} AS IDENTITY;", t, col, kind(b.identity));
          return fmt::format("ALTER TABLE {} ALTER COLUMN {} SET GENERATED {};", t, col, kind(b.identity));
        };
        Draft d{Phase::kColumns, "Change identity of " + object, change(old_col, new_col), change(new_col, old_col)};
        if (old_col.identity == model::IdentityKind::kNone) {
          d.notes.push_back("the new identity sequence starts at 1: move it past the existing values with setval()");
        }
        Add(std::move(d));
      } else if (f.field == "comment") {
        Add({Phase::kComments, "Comment on column " + object, CommentSql("COLUMN " + t + "." + col, new_col.comment),
             CommentSql("COLUMN " + t + "." + col, old_col.comment)});
      } else if (f.field == "from_serial") {
        // How the default was declared; the default itself is compared on its own.
      } else {
        NotPlanned(c, f.field + " changes (" + f.from + " → " + f.to + ") are not planned yet");
      }
    }
  }

  void PlanTypeChange(const model::QualifiedName& table, const model::Column& old_col, const model::Column& new_col) {
    const std::string t = table.ToSql();
    const std::string col = QuoteIdent(old_col.name);
    const std::string object = table.ToString() + "." + old_col.name;
    // A default typed for the old type may not cast to the new one: it is dropped first and set again after.
    auto alter = [&](const model::Column& source, const model::Column& target, bool with_using) {
      std::string sql;
      if (source.default_expr) sql += fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;\n", t, col);
      sql += fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}", t, col, model::TypeSql(target.type));
      if (!target.collation.empty()) sql += " COLLATE " + QuoteIdent(target.collation);
      if (with_using) sql += fmt::format(" USING {}::{}", col, model::TypeSql(target.type));
      sql += ";";
      if (target.default_expr) sql += fmt::format("\nALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t, col, *target.default_expr);
      return sql;
    };
    if (old_col.type == new_col.type) {
      PlanCollationChange(table, old_col, new_col);
      return;
    }
    bool coercible = TypeChangeIsBinaryCoercible(old_col.type, new_col.type, false) && old_col.collation == new_col.collation;
    bool back_coercible = TypeChangeIsBinaryCoercible(new_col.type, old_col.type, false);
    Draft d{Phase::kColumns,
            fmt::format("Change type of {} from {} to {}", object, old_col.type.ToSql(), new_col.type.ToSql()),
            alter(old_col, new_col, !coercible), alter(new_col, old_col, !back_coercible)};
    if (!coercible) {
      d.notes.push_back(fmt::format(
          "zero-downtime alternative (expand/contract): ADD COLUMN {0}_new {1}; a trigger that sets {0}_new = {0}::{1} "
          "on INSERT/UPDATE; backfill {0}_new in batches; validate; in one short transaction rename {0} → {0}_old and "
          "{0}_new → {0}; switch the application; drop {0}_old in a later deploy",
          old_col.name, model::TypeSql(new_col.type)));
    }
    if (!back_coercible) d.not_restorable = "values of " + object + " that " + old_col.type.ToSql() + " cannot hold";
    Add(std::move(d));
  }

  // Generated columns (PostgreSQL 15 has neither SET EXPRESSION nor a way to make a column generated):
  //  - another expression: the column is dropped and added again with it, which rewrites the table to compute
  //    it; no data is lost (the values are computed);
  //  - ceasing to be generated: ALTER COLUMN … DROP EXPRESSION (PostgreSQL 13+) keeps the values and the
  //    column's place, catalog only; the rollback adds the generated column back (a rewrite);
  //  - becoming generated: drop + add, and the values the column held are replaced by computed ones (data
  //    loss: needs allow_data_loss); the rollback is DROP EXPRESSION, which keeps the computed values.
  // Plain indexes on the column go with a dropped column and are rebuilt in the same step (the table is locked
  // anyway); expression indexes and views around it are dropped before and recreated after as for a type
  // change. Returns whether the column's other changes remain to be planned (only when it ceases to be
  // generated).
  bool PlanGeneratedChange(const ObjectChange& c, const model::Table& old_table, const model::Table& new_table,
                           const model::Column& old_col, const model::Column& new_col) {
    for (const auto& con : old_table.constraints) {
      if (std::find(con.columns.begin(), con.columns.end(), old_col.name) != con.columns.end()) {
        NotPlanned(c, "generated column change: constraint " + con.name + " uses the column; drop it first");
        return false;
      }
    }
    const std::string t = c.ref.name.ToSql();
    const std::string col = QuoteIdent(old_col.name);
    const std::string object = c.ref.name.ToString() + "." + old_col.name;
    auto recreate = [&](const model::Catalog& catalog, const model::Table& table, const model::Column& column) {
      std::string sql = fmt::format("ALTER TABLE {} DROP COLUMN {};\nALTER TABLE {} ADD COLUMN {};", t, col, t,
                                    model::ColumnDefinitionSql(catalog, table, column));
      for (const auto* index : catalog.IndexesOn(c.ref.name)) {
        bool plain = index->predicate.empty() && index->constraint_name.empty();
        bool on_column = false;
        for (const auto& k : index->keys) {
          plain = plain && k.expression.empty();
          on_column |= k.column == old_col.name;
        }
        if (plain && on_column) sql += "\n" + model::IndexSql(*index) + ";";
      }
      if (column.comment) sql += "\n" + CommentSql("COLUMN " + t + "." + col, column.comment);
      return sql;
    };
    if (old_col.generated_expr && new_col.generated_expr) {
      Draft d{Phase::kColumns, fmt::format("Recompute generated column {} with the new expression", object),
              recreate(to_, new_table, new_col), recreate(from_, old_table, old_col)};
      d.notes.push_back("PostgreSQL before 17 cannot change a generation expression in place: the column is dropped "
                        "and added again, the table rewritten to compute it, and the column moves to the end; no "
                        "data is lost (the values are computed), indexes on it are rebuilt in the same step");
      Add(std::move(d));
      return false;
    }
    const std::string drop_expression = fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP EXPRESSION;", t, col);
    if (old_col.generated_expr) {
      // The down SQL runs after the plain column's own changes are undone: it sees the column as it was after
      // DROP EXPRESSION, so it only has to put the generated definition back.
      Draft d{Phase::kColumns, "Stop generating " + object + " (keep its values)", drop_expression,
              recreate(from_, old_table, old_col)};
      d.notes.push_back("DROP EXPRESSION keeps the computed values and the column's place: no rewrite");
      d.notes.push_back("the rollback drops the column and adds the generated one back: the table is rewritten to "
                        "compute it and the column moves to the end");
      d.not_restorable = "values written to " + object + " after the step (the rollback recomputes them)";
      Add(std::move(d));
      return true;
    }
    // Becoming generated: the rollback turns the generated column back into a plain one holding the computed
    // values, with the old column's default, NOT NULL and comment.
    std::string down = drop_expression;
    if (old_col.default_expr) down += fmt::format("\nALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t, col, *old_col.default_expr);
    if (old_col.not_null && !new_col.not_null) down += fmt::format("\nALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", t, col);
    if (!old_col.not_null && new_col.not_null) down += fmt::format("\nALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", t, col);
    if (old_col.comment != new_col.comment) down += "\n" + CommentSql("COLUMN " + t + "." + col, old_col.comment);
    Draft d{Phase::kColumns, "Make " + object + " generated (drop and add it back)", recreate(to_, new_table, new_col), down};
    d.loses_data = true;
    d.not_restorable = "the values " + object + " held before it became generated (the rollback keeps the computed ones)";
    d.notes.push_back("PostgreSQL cannot make an existing column generated: it is dropped and added again, the "
                      "table rewritten to compute it, the column moves to the end and the values it held are "
                      "replaced by computed ones");
    d.notes.push_back(fmt::format(
        "expand/contract alternative: ADD COLUMN {0}_generated … GENERATED ALWAYS AS (…) STORED; move readers to it; "
        "in a later deploy drop {0} and rename {0}_generated to {0}",
        old_col.name));
    Add(std::move(d));
    return false;
  }

  // The same type with another collation: ALTER COLUMN … TYPE … COLLATE without USING keeps every value as
  // it is (no rewrite), but the indexes on the column are rebuilt, their order being the collation's.
  void PlanCollationChange(const model::QualifiedName& table, const model::Column& old_col, const model::Column& new_col) {
    const std::string t = table.ToSql();
    const std::string col = QuoteIdent(old_col.name);
    auto alter = [&](const model::Column& target) {
      return fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}{};", t, col, model::TypeSql(target.type),
                         target.collation.empty() ? "" : " COLLATE " + QuoteIdent(target.collation));
    };
    auto name = [](const model::Column& c) { return c.collation.empty() ? std::string("the default") : "\"" + c.collation + "\""; };
    Draft d{Phase::kColumns,
            fmt::format("Change collation of {}.{} from {} to {}", table.ToString(), old_col.name, name(old_col), name(new_col)),
            alter(new_col), alter(old_col)};
    bool indexed = false;
    for (const auto* index : from_.IndexesOn(table)) {
      for (const auto& k : index->keys) indexed |= k.column == old_col.name;
    }
    if (indexed) {
      d.work.push_back({TableWork::Kind::kIndexBuild, table.ToString()});
      d.notes.push_back("no table rewrite, but the indexes on the column are rebuilt under ACCESS EXCLUSIVE (their "
                        "order is the collation's)");
    }
    d.notes.push_back("comparisons, ORDER BY and uniqueness on the column follow the new collation from then on");
    Add(std::move(d));
  }

  // ----- constraints

  // The index that backs a PRIMARY KEY/UNIQUE constraint in `catalog`, or one built from its columns.
  model::Index KeyIndex(const model::Catalog& catalog, const model::QualifiedName& table, const model::Constraint& c) const {
    for (const auto* index : catalog.IndexesOn(table)) {
      if (index->constraint_name == c.name) {
        model::Index copy = *index;
        copy.primary = false;
        return copy;
      }
    }
    model::Index index;
    index.name = {table.schema, c.name};
    index.table = table;
    index.unique = true;
    for (const auto& col : c.columns) index.keys.push_back({.column = col});
    index.include_columns = c.include_columns;
    index.nulls_not_distinct = c.nulls_not_distinct;
    return index;
  }

  std::string AddConstraintSql(const model::Catalog& catalog, const model::Table& table, const model::Constraint& c) const {
    return fmt::format("ALTER TABLE {} ADD {}{};", table.name.ToSql(), model::ConstraintSql(catalog, table, c),
                       c.not_valid ? " NOT VALID" : "");
  }
  std::string DropConstraintSql(const model::QualifiedName& table, const std::string& name, bool if_exists) const {
    return fmt::format("ALTER TABLE {} DROP CONSTRAINT {}{};", table.ToSql(), if_exists ? "IF EXISTS " : "", QuoteIdent(name));
  }

  void PlanAddConstraint(const model::Table& table, const model::Constraint& c) {
    const std::string t = table.name.ToSql();
    const std::string name = QuoteIdent(c.name);
    const std::string object = c.name + " on " + table.name.ToString();
    const std::string drop = DropConstraintSql(table.name, c.name, true);
    switch (c.kind) {
      case model::ConstraintKind::kPrimaryKey:
      case model::ConstraintKind::kUnique: {
        model::Index index = KeyIndex(to_, table.name, c);
        Add({Phase::kIndexes, "Build the unique index of " + object + " concurrently",
             IndexDefinitionSql(index, {.concurrently = true, .if_not_exists = true}), DropIndexConcurrentlySql(index.name)});
        std::string deferrable = c.deferrable ? (c.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE") : "";
        Draft d{Phase::kKeys,
                std::string(c.kind == model::ConstraintKind::kPrimaryKey ? "Add primary key " : "Add unique constraint ") + object,
                fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {} USING INDEX {}{};", t, name,
                            c.kind == model::ConstraintKind::kPrimaryKey ? "PRIMARY KEY" : "UNIQUE",
                            QuoteIdent(index.name.name), deferrable),
                drop};
        d.notes.push_back("USING INDEX takes the index built beforehand: the lock is brief");
        Add(std::move(d));
        return;
      }
      case model::ConstraintKind::kCheck:
      case model::ConstraintKind::kForeignKey: {
        bool fk = c.kind == model::ConstraintKind::kForeignKey;
        model::Constraint not_valid = c;
        not_valid.not_valid = true;
        Add({fk ? Phase::kForeignKeys : Phase::kChecks, std::string(fk ? "Add foreign key " : "Add check ") + object + " NOT VALID",
             AddConstraintSql(to_, table, not_valid), drop});
        if (!c.not_valid) {
          Add({fk ? Phase::kValidateForeignKeys : Phase::kValidateChecks, "Validate " + object,
               fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {};", t, name), ""});
        }
        return;
      }
      case model::ConstraintKind::kExclude: {
        Draft d{Phase::kKeys, "Add exclusion constraint " + object, AddConstraintSql(to_, table, c), drop};
        d.notes.push_back("an exclusion constraint cannot be added NOT VALID or USING INDEX: it builds its index "
                          "under ACCESS EXCLUSIVE; run it in a quiet window");
        Add(std::move(d));
        return;
      }
    }
  }

  void PlanConstraint(const ObjectChange& c) {
    if (TableIsNewOrGone(c.ref.name)) return;
    const model::Table* new_table = to_.FindTable(c.ref.name);
    const model::Table* old_table = from_.FindTable(c.ref.name);
    const model::Constraint* now = new_table ? new_table->FindConstraint(c.ref.member) : nullptr;
    const model::Constraint* was = old_table ? old_table->FindConstraint(c.ref.member) : nullptr;
    const std::string object = c.ref.member + " on " + c.ref.name.ToString();
    if (c.change == ChangeKind::kChanged && c.fields.size() == 1 && c.fields[0].field == "comment") {
      std::string target = "CONSTRAINT " + QuoteIdent(c.ref.member) + " ON " + c.ref.name.ToSql();
      Add({Phase::kComments, "Comment on constraint " + object, CommentSql(target, now->comment), CommentSql(target, was->comment)});
      return;
    }
    if (c.change == ChangeKind::kChanged && c.fields.size() == 1 && c.fields[0].field == "not_valid" && !now->not_valid) {
      bool fk = now->kind == model::ConstraintKind::kForeignKey;
      Add({fk ? Phase::kValidateForeignKeys : Phase::kValidateChecks, "Validate " + object,
           fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {};", c.ref.name.ToSql(), QuoteIdent(c.ref.member)), ""});
      return;
    }
    if (was) {
      bool fk = was->kind == model::ConstraintKind::kForeignKey;
      model::Constraint restore = *was;
      std::string down = AddConstraintSql(from_, *old_table, restore);
      Add({fk ? Phase::kDropDependents : Phase::kDropIndexes, "Drop constraint " + object,
           DropConstraintSql(c.ref.name, c.ref.member, false), down});
    }
    if (now) PlanAddConstraint(*new_table, *now);
  }

  // ----- indexes

  // Whether an index is created or dropped with something else: its table, its (materialized) view or its
  // constraint.
  bool IndexGoesWithOwner(const model::Index* index) const {
    return !index || !index->constraint_name.empty() || TableIsNewOrGone(index->table) ||
           recreated_views_.count(index->table) || from_.views.count(index->table) != to_.views.count(index->table);
  }

  void PlanIndex(const ObjectChange& c) {
    auto find = [](const model::Catalog& catalog, const model::QualifiedName& name) -> const model::Index* {
      auto it = catalog.indexes.find(name);
      return it == catalog.indexes.end() ? nullptr : &it->second;
    };
    if (rebuilt_indexes_.count(c.ref.name)) return;  // see PlanAroundTypeChanges
    const model::Index* was = find(from_, c.ref.name);
    const model::Index* now = find(to_, c.ref.name);
    if (c.change == ChangeKind::kChanged && c.fields.size() == 1 && c.fields[0].field == "comment") {
      Add({Phase::kComments, "Comment on index " + c.ref.name.ToString(), CommentSql("INDEX " + c.ref.name.ToSql(), now->comment),
           CommentSql("INDEX " + c.ref.name.ToSql(), was->comment)});
      return;
    }
    if (was && !IndexGoesWithOwner(was)) {
      Add({Phase::kDropIndexes, "Drop index " + c.ref.name.ToString() + " concurrently", DropIndexConcurrentlySql(was->name),
           IndexDefinitionSql(*was, {.concurrently = true, .if_not_exists = true})});
    }
    if (now && !IndexGoesWithOwner(now)) {
      Add({Phase::kIndexes, "Build index " + c.ref.name.ToString() + " concurrently",
           IndexDefinitionSql(*now, {.concurrently = true, .if_not_exists = true}), DropIndexConcurrentlySql(now->name)});
    }
  }

  void PlanViewComment(const ObjectChange& c) {
    if (recreated_views_.count(c.ref.name) || c.change != ChangeKind::kChanged) return;  // see PlanViews
    const model::View& now = to_.views.at(c.ref.name);
    std::string target = (now.materialized ? "MATERIALIZED VIEW " : "VIEW ") + c.ref.name.ToSql();
    Add({Phase::kComments, "Comment on view " + c.ref.name.ToString(), CommentSql(target, now.comment),
         CommentSql(target, from_.views.at(c.ref.name).comment)});
  }

  // ----- sequences, enums, domains, functions

  // Identity sequences come and go with their column.
  static bool IdentitySequence(const model::Catalog& catalog, const model::Sequence& s) {
    if (!s.owned_by_table) return false;
    const model::Table* t = catalog.FindTable(*s.owned_by_table);
    const model::Column* col = t ? t->FindColumn(s.owned_by_column) : nullptr;
    return col && col->identity != model::IdentityKind::kNone;
  }

  std::string OwnedBySql(const model::Sequence& s) const {
    return fmt::format("ALTER SEQUENCE {} OWNED BY {};", s.name.ToSql(),
                       s.owned_by_table ? s.owned_by_table->ToSql() + "." + QuoteIdent(s.owned_by_column) : "NONE");
  }

  void PlanSequence(const ObjectChange& c) {
    auto find = [](const model::Catalog& catalog, const model::QualifiedName& name) -> const model::Sequence* {
      auto it = catalog.sequences.find(name);
      return it == catalog.sequences.end() ? nullptr : &it->second;
    };
    const model::Sequence* was = find(from_, c.ref.name);
    const model::Sequence* now = find(to_, c.ref.name);
    const std::string name = c.ref.name.ToSql();
    if (c.change == ChangeKind::kAdded) {
      if (IdentitySequence(to_, *now)) return;
      Add({Phase::kSequences, "Create sequence " + c.ref.name.ToString(), "CREATE SEQUENCE " + name + SequenceOptionsSql(*now) + ";",
           "DROP SEQUENCE IF EXISTS " + name + ";"});
      if (now->owned_by_table) {
        Add({Phase::kColumns, "Let " + now->owned_by_table->ToString() + "." + now->owned_by_column + " own sequence " +
                                  c.ref.name.ToString(),
             OwnedBySql(*now), fmt::format("ALTER SEQUENCE IF EXISTS {} OWNED BY NONE;", name)});
      }
      return;
    }
    if (c.change == ChangeKind::kDropped) {
      if (IdentitySequence(from_, *was)) return;
      // A serial's sequence goes with its column or table.
      if (was->owned_by_table) {
        const model::Table* owner = to_.FindTable(*was->owned_by_table);
        if (!owner || !owner->FindColumn(was->owned_by_column)) return;
      }
      std::string down = "CREATE SEQUENCE " + name + SequenceOptionsSql(*was) + ";";
      if (was->owned_by_table) down += "\n" + OwnedBySql(*was);
      Draft d{Phase::kContract, "Drop sequence " + c.ref.name.ToString(), "DROP SEQUENCE " + name + ";", down};
      d.not_restorable = "the position of sequence " + c.ref.name.ToString() + " (restore it with setval())";
      Add(std::move(d));
      return;
    }
    if (IdentitySequence(to_, *now) || IdentitySequence(from_, *was)) {
      PlanIdentityOptions(c, *was, *now);
      return;
    }
    std::string up = "ALTER SEQUENCE " + name + SequenceOptionsSql(*now) + ";";
    std::string down = "ALTER SEQUENCE " + name + SequenceOptionsSql(*was) + ";";
    if (c.Field("owned_by")) {
      up += "\n" + OwnedBySql(*now);
      down += "\n" + OwnedBySql(*was);
    }
    Add({Phase::kSequences, "Alter sequence " + c.ref.name.ToString(), up, down});
  }

  // An identity column's sequence is changed through its column: ALTER TABLE … ALTER COLUMN … SET <option>.
  // Its type follows the column's (ALTER COLUMN TYPE changes both), so only the options are planned here.
  void PlanIdentityOptions(const ObjectChange& c, const model::Sequence& was, const model::Sequence& now) {
    if (!IdentitySequence(to_, now) || !IdentitySequence(from_, was) || !was.owned_by_table || !now.owned_by_table ||
        *was.owned_by_table != *now.owned_by_table || was.owned_by_column != now.owned_by_column) {
      NotPlanned(c, "a sequence becoming or ceasing to be an identity column's is not planned yet");
      return;
    }
    if (TableIsNewOrGone(*now.owned_by_table)) return;
    std::vector<std::string> up, down;
    auto option = [](const std::string& field, const std::string& value) -> std::string {
      if (field == "start") return "SET START WITH " + value;
      if (field == "increment") return "SET INCREMENT BY " + value;
      if (field == "min_value") return "SET MINVALUE " + value;
      if (field == "max_value") return "SET MAXVALUE " + value;
      if (field == "cycle") return value == "true" ? "SET CYCLE" : "SET NO CYCLE";
      return "";
    };
    bool start_changed = false;
    for (const auto& f : c.fields) {
      if (f.field == "data_type") continue;  // follows the column's type
      std::string u = option(f.field, f.to), d = option(f.field, f.from);
      if (u.empty()) {
        NotPlanned(c, f.field + " changes (" + f.from + " → " + f.to + ") are not planned yet");
        continue;
      }
      start_changed |= f.field == "start";
      up.push_back(u);
      down.push_back(d);
    }
    if (up.empty()) return;
    const std::string column = now.owned_by_table->ToSql() + " ALTER COLUMN " + QuoteIdent(now.owned_by_column);
    Draft d{Phase::kColumns, "Change identity options of " + now.owned_by_table->ToString() + "." + now.owned_by_column,
            "ALTER TABLE " + column + " " + Join(up, " ") + ";", "ALTER TABLE " + column + " " + Join(down, " ") + ";"};
    if (start_changed) {
      d.notes.push_back("START WITH only changes where RESTART goes back to; the next value stays where it is "
                        "(move it with ALTER COLUMN … RESTART WITH n if needed)");
    }
    Add(std::move(d));
  }

  void PlanEnum(const ObjectChange& c) {
    const std::string name = c.ref.name.ToSql();
    if (c.change == ChangeKind::kAdded) {
      Add({Phase::kEnums, "Create enum " + c.ref.name.ToString(), EnumSql(to_.enums.at(c.ref.name)), "DROP TYPE " + name + ";"});
      return;
    }
    if (c.change == ChangeKind::kDropped) {
      Add({Phase::kContract, "Drop enum " + c.ref.name.ToString(), "DROP TYPE " + name + ";", EnumSql(from_.enums.at(c.ref.name))});
      return;
    }
    const auto& old_values = from_.enums.at(c.ref.name).values;
    const auto& new_values = to_.enums.at(c.ref.name).values;
    for (const auto& f : c.fields) {
      if (f.field == "comment") {
        Add({Phase::kComments, "Comment on type " + c.ref.name.ToString(), CommentSql("TYPE " + name, to_.enums.at(c.ref.name).comment),
             CommentSql("TYPE " + name, from_.enums.at(c.ref.name).comment)});
        continue;
      }
      // Only added values can be planned: PostgreSQL cannot drop or reorder enum values.
      std::size_t matched = 0;
      for (const auto& v : new_values) {
        if (matched < old_values.size() && v == old_values[matched]) ++matched;
      }
      if (matched != old_values.size()) {
        PlanEnumReplacement(c, old_values, new_values, f.from + " → " + f.to);
        continue;
      }
      for (std::size_t i = 0; i < new_values.size(); ++i) {
        if (std::find(old_values.begin(), old_values.end(), new_values[i]) != old_values.end()) continue;
        std::string where = i > 0 ? " AFTER " + QuoteLiteral(new_values[i - 1])
                                  : (new_values.size() > 1 ? " BEFORE " + QuoteLiteral(new_values[1]) : "");
        Draft d{Phase::kEnums, "Add value " + new_values[i] + " to enum " + c.ref.name.ToString(),
                fmt::format("ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{};", name, QuoteLiteral(new_values[i]), where), ""};
        d.notes.push_back("commit it before anything uses the value: a new enum value cannot be used in the "
                          "transaction that added it");
        d.not_restorable = "enum value " + new_values[i] + " of " + c.ref.name.ToString() +
                           " (PostgreSQL cannot drop an enum value; it stays after the rollback)";
        Add(std::move(d));
      }
    }
  }

  // GRANT what the target adds, REVOKE what it takes away (the grant option separately); each step's rollback is
  // the opposite statement. The grantee roles must exist: roles are cluster-wide and not part of the plan.
  void PlanGrant(const ObjectChange& c) {
    const std::string& key = c.ref.name.name;
    const auto before = model::GrantsByKey(from_.grants);
    const auto after = model::GrantsByKey(to_.grants);
    const auto was = before.find(key);
    const auto now = after.find(key);
    const model::GrantSummary& g = now != after.end() ? now->second : was->second;
    const std::vector<std::string> none;
    const auto& old_privileges = was != before.end() ? was->second.privileges : none;
    const auto& new_privileges = now != after.end() ? now->second.privileges : none;
    const bool old_option = was != before.end() && was->second.with_grant_option;
    const bool new_option = now != after.end() && now->second.with_grant_option;
    std::vector<std::string> granted, revoked, kept;
    for (const auto& p : new_privileges) {
      (std::find(old_privileges.begin(), old_privileges.end(), p) == old_privileges.end() ? granted : kept).push_back(p);
    }
    for (const auto& p : old_privileges) {
      if (std::find(new_privileges.begin(), new_privileges.end(), p) == new_privileges.end()) revoked.push_back(p);
    }
    const std::string target = "(grant on " + key + ")";
    if (!granted.empty()) {
      Add({Phase::kComments, "Grant " + Join(granted, ", ") + " " + target, GrantSql(g, granted, new_option),
           RevokeSql(g, granted, false)});
    }
    if (!revoked.empty()) {
      Add({Phase::kComments, "Revoke " + Join(revoked, ", ") + " " + target, RevokeSql(g, revoked, false),
           GrantSql(g, revoked, old_option)});
    }
    if (old_option != new_option && !kept.empty()) {
      if (new_option) {
        Add({Phase::kComments, "Grant option for " + Join(kept, ", ") + " " + target, GrantSql(g, kept, true),
             RevokeSql(g, kept, true)});
      } else {
        Add({Phase::kComments, "Revoke grant option for " + Join(kept, ", ") + " " + target, RevokeSql(g, kept, true),
             GrantSql(g, kept, true)});
      }
    }
  }

  static std::string PrivilegeList(const model::GrantSummary& g, const std::vector<std::string>& privileges) {
    const std::string columns = g.columns.empty() ? "" : " (" + Join(QuotedIdents(g.columns), ", ") + ")";
    std::vector<std::string> items;
    for (const auto& p : privileges) items.push_back(p + columns);
    return Join(items, ", ");
  }
  static std::vector<std::string> QuotedIdents(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const auto& n : names) out.push_back(QuoteIdent(n));
    return out;
  }
  static std::string GranteeSql(const std::string& grantee) {
    return grantee == "PUBLIC" ? grantee : QuoteIdent(grantee);
  }
  static std::string GrantSql(const model::GrantSummary& g, const std::vector<std::string>& privileges, bool option) {
    return fmt::format("GRANT {} ON {} TO {}{};", PrivilegeList(g, privileges), model::GrantTargetSql(g.object_kind, g.object),
                       GranteeSql(g.grantee), option ? " WITH GRANT OPTION" : "");
  }
  static std::string RevokeSql(const model::GrantSummary& g, const std::vector<std::string>& privileges,
                               bool option_only) {
    return fmt::format("REVOKE {}{} ON {} FROM {};", option_only ? "GRANT OPTION FOR " : "", PrivilegeList(g, privileges),
                       model::GrantTargetSql(g.object_kind, g.object), GranteeSql(g.grantee));
  }

  // Values removed or reordered: PostgreSQL cannot do either in place, so the type is replaced — the old one
  // renamed aside, the new one created, every column of the type converted through text (ACCESS EXCLUSIVE and a
  // rewrite of each such table), the old type dropped. Refused when something else holds the type (arrays of it,
  // domains over it, functions taking or returning it, views reading its columns), since those would block the
  // drop or the column change.
  void PlanEnumReplacement(const ObjectChange& c, const std::vector<std::string>& old_values,
                           const std::vector<std::string>& new_values, const std::string& change) {
    const std::string type_name = c.ref.name.ToString();
    const std::string blocked = EnumReplacementBlocker(type_name);
    if (!blocked.empty()) {
      NotPlanned(c, "enum values removed or reordered (" + change + "): " + blocked +
                        "; replace the type by hand (new type, columns converted, old type dropped)");
      return;
    }
    struct UsingColumn {
      model::QualifiedName table;
      std::string column;
      std::optional<std::string> default_expr;
    };
    std::vector<UsingColumn> columns;
    for (const auto& [table_name, table] : from_.tables) {
      for (const auto& column : table.columns) {
        if (column.type.is_user_type && column.type.array_dims == 0 && column.type.name == type_name) {
          columns.push_back({table_name, column.name, column.default_expr});
        }
      }
    }
    const model::QualifiedName aside{c.ref.name.schema, c.ref.name.name + "__dbarch_old"};
    auto replace = [&](const std::vector<std::string>& values) {
      std::vector<std::string> quoted;
      for (const auto& v : values) quoted.push_back(QuoteLiteral(v));
      std::string sql = fmt::format("ALTER TYPE {} RENAME TO {};\nCREATE TYPE {} AS ENUM ({});\n", c.ref.name.ToSql(),
                                    QuoteIdent(aside.name), c.ref.name.ToSql(), Join(quoted, ", "));
      for (const auto& u : columns) {
        const std::string column = QuoteIdent(u.column);
        if (u.default_expr) sql += fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;\n", u.table.ToSql(), column);
        sql += fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {} USING {}::text::{};\n", u.table.ToSql(), column,
                           c.ref.name.ToSql(), column, c.ref.name.ToSql());
        if (u.default_expr) {
          sql += fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};\n", u.table.ToSql(), column, *u.default_expr);
        }
      }
      sql += fmt::format("DROP TYPE {};", aside.ToSql());
      return sql;
    };
    Draft d{Phase::kEnums, "Replace enum " + type_name + " (values removed or reordered)", replace(new_values),
            replace(old_values)};
    std::vector<std::string> removed;
    for (const auto& v : old_values) {
      if (std::find(new_values.begin(), new_values.end(), v) == new_values.end()) removed.push_back(v);
    }
    if (!removed.empty()) {
      d.notes.push_back("rows holding a removed value (" + Join(removed, ", ") +
                        ") make the conversion fail and the step roll back, nothing lost: update them first");
    }
    if (!columns.empty()) {
      d.notes.push_back(fmt::format("rewrites {} column(s) of the type under ACCESS EXCLUSIVE; on a large table "
                                    "prefer a new column, a backfill and a cut-over",
                                    columns.size()));
    }
    Add(std::move(d));
  }

  // Why the type cannot simply be replaced ("" when it can).
  std::string EnumReplacementBlocker(const std::string& type_name) const {
    for (const auto& [table_name, table] : from_.tables) {
      for (const auto& column : table.columns) {
        if (column.type.is_user_type && column.type.array_dims > 0 && column.type.name == type_name) {
          return "column " + table_name.ToString() + "." + column.name + " is an array of it";
        }
      }
      for (const auto& [view_name, view] : from_.views) {
        if (std::find(view.reads.begin(), view.reads.end(), table_name) == view.reads.end()) continue;
        for (const auto& column : table.columns) {
          if (column.type.is_user_type && column.type.name == type_name) {
            return "view " + view_name.ToString() + " reads " + table_name.ToString() + ", whose column " +
                   column.name + " has the type";
          }
        }
      }
    }
    for (const auto& [domain_name, domain] : from_.domains) {
      if (domain.base_type.name == type_name) return "domain " + domain_name.ToString() + " is based on it";
    }
    for (const auto& [key, function] : from_.functions) {
      const bool in_arguments = std::find(function.argument_types.begin(), function.argument_types.end(), type_name) !=
                                function.argument_types.end();
      if (in_arguments || function.returns.find(UnqualifiedName(type_name)) != std::string::npos) {
        return "function " + function.name.ToString() + " takes or returns it";
      }
    }
    return "";
  }

  // The unqualified name of a type ("public.status" → "status"), to find it in a function's RETURNS text.
  static std::string UnqualifiedName(const std::string& qualified) {
    const auto dot = qualified.rfind('.');
    return dot == std::string::npos ? qualified : qualified.substr(dot + 1);
  }

  void PlanDomain(const ObjectChange& c) {
    const std::string name = c.ref.name.ToSql();
    if (c.change == ChangeKind::kAdded) {
      Add({Phase::kDomains, "Create domain " + c.ref.name.ToString(), DomainSql(to_.domains.at(c.ref.name)), "DROP DOMAIN " + name + ";"});
      return;
    }
    if (c.change == ChangeKind::kDropped) {
      Add({Phase::kContract, "Drop domain " + c.ref.name.ToString(), "DROP DOMAIN " + name + ";", DomainSql(from_.domains.at(c.ref.name))});
      return;
    }
    const model::Domain& now = to_.domains.at(c.ref.name);
    const model::Domain& was = from_.domains.at(c.ref.name);
    for (const auto& f : c.fields) {
      if (f.field == "default") {
        auto set = [&](const model::Domain& d) {
          return d.default_expr ? fmt::format("ALTER DOMAIN {} SET DEFAULT {};", name, *d.default_expr)
                                : fmt::format("ALTER DOMAIN {} DROP DEFAULT;", name);
        };
        Add({Phase::kDomains, "Change default of domain " + c.ref.name.ToString(), set(now), set(was)});
      } else if (f.field == "not_null") {
        auto set = [&](const model::Domain& d) {
          return fmt::format("ALTER DOMAIN {} {} NOT NULL;", name, d.not_null ? "SET" : "DROP");
        };
        Draft d{now.not_null ? Phase::kValidateChecks : Phase::kDomains, "Change NOT NULL of domain " + c.ref.name.ToString(),
                set(now), set(was)};
        if (now.not_null) d.notes.push_back("checks every column of the domain's type");
        Add(std::move(d));
      } else if (f.field == "comment") {
        Add({Phase::kComments, "Comment on domain " + c.ref.name.ToString(), CommentSql("DOMAIN " + name, now.comment),
             CommentSql("DOMAIN " + name, was.comment)});
      } else if (f.field == "checks") {
        PlanDomainChecks(c, was, now);
      } else {
        NotPlanned(c, f.field + " changes are not planned yet");
      }
    }
  }

  // Checks matched by name: one gone or changed is dropped early (nothing relies on it), one new or changed is
  // added NOT VALID (instant: only new values are checked) and validated later — VALIDATE reads every column of
  // the domain's type under SHARE, which blocks writes to those tables while it scans.
  void PlanDomainChecks(const ObjectChange& c, const model::Domain& was, const model::Domain& now) {
    const std::string name = c.ref.name.ToSql();
    auto find = [](const model::Domain& d, const std::string& check) -> const std::string* {
      for (std::size_t i = 0; i < d.check_names.size() && i < d.checks.size(); ++i) {
        if (d.check_names[i] == check) return &d.checks[i];
      }
      return nullptr;
    };
    for (std::size_t i = 0; i < was.check_names.size() && i < was.checks.size(); ++i) {
      const std::string* kept = find(now, was.check_names[i]);
      if (kept && *kept == was.checks[i]) continue;
      Add({Phase::kDropIndexes, "Drop check " + was.check_names[i] + " of domain " + c.ref.name.ToString(),
           fmt::format("ALTER DOMAIN {} DROP CONSTRAINT {};", name, QuoteIdent(was.check_names[i])),
           fmt::format("ALTER DOMAIN {} ADD CONSTRAINT {} CHECK ({});", name, QuoteIdent(was.check_names[i]), was.checks[i])});
    }
    for (std::size_t i = 0; i < now.check_names.size() && i < now.checks.size(); ++i) {
      const std::string* had = find(was, now.check_names[i]);
      if (had && *had == now.checks[i]) continue;
      const std::string check = QuoteIdent(now.check_names[i]);
      const std::string object = now.check_names[i] + " of domain " + c.ref.name.ToString();
      Add({Phase::kChecks, "Add check " + object + " NOT VALID",
           fmt::format("ALTER DOMAIN {} ADD CONSTRAINT {} CHECK ({}) NOT VALID;", name, check, now.checks[i]),
           fmt::format("ALTER DOMAIN {} DROP CONSTRAINT IF EXISTS {};", name, check)});
      Add({Phase::kValidateChecks, "Validate check " + object,
           fmt::format("ALTER DOMAIN {} VALIDATE CONSTRAINT {};", name, check), ""});
    }
  }

  void PlanFunction(const ObjectChange& c) {
    const std::string& key = c.ref.name.name;
    auto find = [&](const model::Catalog& catalog) -> const model::Function* {
      auto it = catalog.functions.find(key);
      return it == catalog.functions.end() ? nullptr : &it->second;
    };
    const model::Function* was = find(from_);
    const model::Function* now = find(to_);
    const std::string bodies_off = "SET check_function_bodies = off;\n";
    auto comment_target = [](const model::Function& f) {
      return std::string(f.is_procedure ? "PROCEDURE " : "FUNCTION ") + FunctionSignatureSql(f);
    };
    // CREATE OR REPLACE keeps a function's comment; a new one gets its comment with it.
    auto create = [&](const model::Catalog& catalog, const model::Function& f) {
      std::string sql = bodies_off + FunctionReplaceSql(catalog, f) + ";";
      if (f.comment) sql += "\n" + CommentSql(comment_target(f), f.comment);
      return sql;
    };
    if (c.change == ChangeKind::kAdded) {
      Add({Phase::kFunctions, "Create function " + key, create(to_, *now),
           fmt::format("DROP {} IF EXISTS {};", now->is_procedure ? "PROCEDURE" : "FUNCTION", FunctionSignatureSql(*now))});
      return;
    }
    if (c.change == ChangeKind::kDropped) {
      Add({Phase::kContract, "Drop function " + key,
           fmt::format("DROP {} {};", was->is_procedure ? "PROCEDURE" : "FUNCTION", FunctionSignatureSql(*was)),
           create(from_, *was)});
      return;
    }
    bool definition = false;
    for (const auto& f : c.fields) definition |= f.field != "comment";
    if (definition) {
      Draft d{Phase::kFunctions, "Replace function " + key, bodies_off + FunctionReplaceSql(to_, *now) + ";",
              bodies_off + FunctionReplaceSql(from_, *was) + ";"};
      if (c.Field("returns")) d.notes.push_back("CREATE OR REPLACE cannot change the return type: drop the function first");
      Add(std::move(d));
    }
    if (c.Field("comment")) {
      Add({Phase::kComments, "Comment on function " + key, CommentSql(comment_target(*now), now->comment),
           CommentSql(comment_target(*was), was->comment)});
    }
  }

  // ----- triggers and policies

  template <typename T>
  static const T* FindOn(const std::vector<T>& list, const model::QualifiedName& table, const std::string& name) {
    for (const auto& item : list) {
      if (item.table == table && item.name == name) return &item;
    }
    return nullptr;
  }

  void PlanTrigger(const ObjectChange& c) {
    if (dropped_tables_.count(c.ref.name) || rebuilt_triggers_.count({c.ref.name, c.ref.member})) return;
    const model::Trigger* was = FindOn(from_.triggers, c.ref.name, c.ref.member);
    const model::Trigger* now = FindOn(to_.triggers, c.ref.name, c.ref.member);
    const std::string drop = fmt::format("DROP TRIGGER {} ON {};", QuoteIdent(c.ref.member), c.ref.name.ToSql());
    const std::string object = c.ref.member + " on " + c.ref.name.ToString();
    if (was) Add({Phase::kDropDependents, "Drop trigger " + object, drop, model::TriggerSql(*was) + ";"});
    if (now) Add({Phase::kTriggers, "Create trigger " + object, model::TriggerSql(*now) + ";",
                  fmt::format("DROP TRIGGER IF EXISTS {} ON {};", QuoteIdent(c.ref.member), c.ref.name.ToSql())});
  }

  void PlanPolicy(const ObjectChange& c) {
    if (dropped_tables_.count(c.ref.name)) return;
    const model::Policy* was = FindOn(from_.policies, c.ref.name, c.ref.member);
    const model::Policy* now = FindOn(to_.policies, c.ref.name, c.ref.member);
    const std::string drop = fmt::format("DROP POLICY {} ON {};", QuoteIdent(c.ref.member), c.ref.name.ToSql());
    const std::string object = c.ref.member + " on " + c.ref.name.ToString();
    if (was) Add({Phase::kDropDependents, "Drop policy " + object, drop, model::PolicySql(*was) + ";"});
    if (now) Add({Phase::kPolicies, "Create policy " + object, model::PolicySql(*now) + ";",
                  fmt::format("DROP POLICY IF EXISTS {} ON {};", QuoteIdent(c.ref.member), c.ref.name.ToSql())});
  }

  // ----- assembly

  static bool TakesBlockingLock(const std::string& lock) {
    return lock != "NONE" && lock != "ACCESS SHARE" && lock != "ROW SHARE" && lock != "ROW EXCLUSIVE";
  }

  Result<DiffPlan> Finish() {
    // New tables: parents before partitions and children.
    std::stable_sort(drafts_.begin(), drafts_.end(), [&](const Draft& a, const Draft& b) {
      if (a.phase != b.phase) return a.phase < b.phase;
      return false;
    });
    std::vector<Draft> tables;
    for (auto& d : drafts_) {
      if (d.phase == Phase::kCreateTables) tables.push_back(d);
    }
    std::stable_sort(tables.begin(), tables.end(), [&](const Draft& a, const Draft& b) {
      return DepthOf(a) < DepthOf(b);
    });
    std::size_t t = 0;
    for (auto& d : drafts_) {
      if (d.phase == Phase::kCreateTables) d = tables[t++];
    }

    StatementPlanner statements(from_);
    std::vector<int> outside, rewrites, copies;
    for (auto& d : drafts_) {
      if (d.loses_data && !options_.allow_data_loss) {
        out_.refused.push_back(d.title + " — loses " + (d.not_restorable.empty() ? "data" : d.not_restorable) +
                               "; pass --allow-data-loss to include it");
        continue;
      }
      auto effects = statements.Describe("step: " + d.title, d.up);
      if (!effects.ok()) return Status::Internal("the planner wrote SQL it cannot parse: " + effects.status().ToString());
      MigrationStep step;
      step.number = static_cast<int>(out_.plan.steps.size()) + 1;
      step.title = d.title;
      step.lock_level = effects->lock_level;
      step.locked = effects->locked;
      // A table this step creates is empty: building its indexes takes no time worth estimating.
      if (d.phase != Phase::kCreateTables) step.work = effects->work;
      for (const auto& w : d.work) {
        step.work.push_back(w);
        // A backfill's DO block hides its table from the statement planner; its UPDATEs lock it.
        if (w.kind == TableWork::Kind::kBackfill &&
            std::find(step.locked.begin(), step.locked.end(), w.table) == step.locked.end()) {
          step.locked.push_back(w.table);
        }
      }
      step.rewrites_table = effects->rewrites_table || d.rewrites;
      step.outside_transaction = effects->outside_transaction;
      step.loses_data = d.loses_data || (effects->loses_data && !d.rows_kept);
      step.up_sql = TakesBlockingLock(step.lock_level)
                        ? fmt::format("SET lock_timeout = '{}';\n{}", options_.lock_timeout, d.up)
                        : d.up;
      step.down_sql = d.down;
      std::vector<std::string> notes;
      if (!effects->locked.empty()) notes.push_back(step.lock_level + " on " + Join(effects->locked, ", "));
      // What a statement would do to a busy table does not apply to a table this step creates empty.
      if (d.phase != Phase::kCreateTables && !d.rows_kept && d.statement_notes) {
        for (const auto& n : effects->notes) notes.push_back(n);
      }
      for (const auto& n : d.notes) {
        if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
      }
      step.notes = Join(notes, "; ");
      if (!d.not_restorable.empty()) out_.not_restorable.push_back("step " + std::to_string(step.number) + ": " + d.not_restorable);
      if (step.outside_transaction) outside.push_back(step.number);
      if (step.rewrites_table) (step.lock_level == "ACCESS EXCLUSIVE" ? rewrites : copies).push_back(step.number);
      out_.plan.steps.push_back(std::move(step));
    }
    if (!out_.plan.steps.empty()) {
      out_.plan.notes.insert(out_.plan.notes.begin(),
          fmt::format("Steps that lock a table start with SET lock_timeout = '{}': if it fires, retry the step after a "
                      "pause (with backoff) rather than raising the timeout.",
                      options_.lock_timeout));
    }
    auto step_list = [](const std::vector<int>& steps) {
      std::vector<std::string> numbers;
      for (int n : steps) numbers.push_back(std::to_string(n));
      return Join(numbers, ", ");
    };
    if (!outside.empty()) {
      out_.plan.notes.push_back("Step(s) " + step_list(outside) +
                                " cannot run inside a transaction block (CONCURRENTLY, or a backfill that commits "
                                "between batches): run each on its own, without BEGIN/COMMIT.");
    }
    if (!rewrites.empty()) {
      out_.plan.notes.push_back("Step(s) " + step_list(rewrites) +
                                " rewrite their table under ACCESS EXCLUSIVE: run them in a quiet window or use the "
                                "expand/contract alternative in their notes.");
    }
    if (!copies.empty()) {
      out_.plan.notes.push_back("Step(s) " + step_list(copies) +
                                " write every row of their table into a new one while reads and writes continue: "
                                "they take time and WAL in proportion to the table's size.");
    }
    return std::move(out_);
  }

  int DepthOf(const Draft& d) const {
    for (const auto& [name, depth] : table_depth_) {
      if (d.title == "Create table " + name.ToString()) return depth;
    }
    return 0;
  }

  const SchemaDiff& diff_;
  const model::Catalog& from_;
  const model::Catalog& to_;
  const PlanOptions& options_;
  std::set<model::QualifiedName> added_tables_, dropped_tables_, reshaped_tables_, recreated_views_, rebuilt_indexes_;
  std::set<model::QualifiedName> rebuilt_family_;  // partitioned tables rebuilt for a new key, with their partitions
  std::set<std::pair<model::QualifiedName, std::string>> retyped_columns_, rebuilt_triggers_;
  std::map<model::QualifiedName, int> table_depth_;
  std::vector<Draft> drafts_;
  DiffPlan out_;
};

}  // namespace

Result<DiffPlan> PlanDiff(const SchemaDiff& diff, const model::Catalog& to, const PlanOptions& options) {
  return Builder(diff, to, options).Run();
}

std::string PlanUpSql(const DiffPlan& plan) {
  std::string out;
  for (const auto& s : plan.plan.steps) {
    out += fmt::format("-- Step {}: {}\n-- lock: {}; rewrites: {}; outside a transaction: {}{}\n", s.number, s.title,
                       s.lock_level, s.rewrites_table ? "yes" : "no", s.outside_transaction ? "yes" : "no",
                       s.loses_data ? "; LOSES DATA" : "");
    out += s.up_sql + "\n\n";
  }
  return out;
}

std::string PlanDownSql(const DiffPlan& plan) {
  std::string out;
  for (auto it = plan.plan.steps.rbegin(); it != plan.plan.steps.rend(); ++it) {
    out += fmt::format("-- Undo step {}: {}\n", it->number, it->title);
    out += (it->down_sql.empty() ? "-- (nothing to undo)" : it->down_sql) + "\n\n";
  }
  return out;
}

}  // namespace dbarch::analyzers::diff
