#include "verify/data_generator.h"

#include <chrono>
#include <cmath>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "sql/parser.h"
#include "verify/datagen/csv_loader.h"
#include "verify/datagen/load_order.h"
#include "verify/datagen/parse_tree.h"
#include "verify/datagen/table_loader.h"
#include "verify/datagen/table_plan.h"
#include "verify/datagen/table_roles.h"

namespace dbarch::verify {
namespace {

using datagen::CycleBreak;
using model::QualifiedName;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::map<QualifiedName, int64_t> RowCounts(const model::Catalog& catalog, const DataGenerationOptions& options) {
  std::map<QualifiedName, int64_t> counts;
  for (const auto& [name, table] : catalog.tables) {
    if (!datagen::IsLoadable(table)) continue;
    if (auto given = options.row_counts.find(name); given != options.row_counts.end()) {
      counts[name] = std::max<int64_t>(0, given->second);
      continue;
    }
    std::optional<double> live = options.shape ? options.shape->RowCount(name) : std::nullopt;
    if (options.shape && table.kind == model::TableKind::kPartitioned && (!live || *live <= 0)) {
      // A partitioned table's own reltuples stays unknown until it is analyzed: add up its partitions.
      double sum = 0;
      bool any = false;
      for (const auto& [child_name, child] : catalog.tables) {
        if (child.partition_of && *child.partition_of == name) {
          if (auto rows = options.shape->RowCount(child_name)) sum += *rows, any = true;
        }
      }
      if (any) live = sum;
    }
    if (live && *live >= 0) {
      counts[name] = static_cast<int64_t>(std::llround(*live * options.scale));
      continue;
    }
    const auto role = datagen::ClassifyTable(catalog, table);
    counts[name] = static_cast<int64_t>(std::llround(
        static_cast<double>(datagen::DefaultRowCount(role, options.default_rows)) * options.scale));
  }
  return counts;
}

// The sequence behind a column: its own (identity, serial) or the one its nextval() default names.
std::string SequenceExpression(PgConnection& connection, const model::Table& table, const model::Column& column) {
  std::string owned = fmt::format("pg_get_serial_sequence({}, {})", connection.QuoteLiteral(table.name.ToSql()),
                                  connection.QuoteLiteral(column.name));
  if (!column.default_expr || column.default_expr->find("nextval(") == std::string::npos) return owned;
  auto parsed = sql::ParseOne("SELECT " + *column.default_expr);
  if (!parsed.ok() || !parsed->has_select_stmt() || parsed->select_stmt().target_list_size() != 1) return owned;
  const auto& value = parsed->select_stmt().target_list(0).res_target().val();
  if (!value.has_func_call() || value.func_call().args_size() != 1) return owned;
  auto name = datagen::ReadLiteral(value.func_call().args(0));
  if (!name) return owned;
  return fmt::format("COALESCE({}, {}::regclass::text)", owned, connection.QuoteLiteral(name->text));
}

// A primary key, else a unique key of NOT NULL columns: what the cycle-filling UPDATE joins on.
std::vector<std::string> RowKey(const model::Table& table) {
  if (const model::Constraint* pk = table.PrimaryKey()) return pk->columns;
  for (const auto& c : table.constraints) {
    if (c.kind != model::ConstraintKind::kUnique) continue;
    bool not_null = true;
    for (const auto& column : c.columns) {
      const model::Column* col = table.FindColumn(column);
      not_null = not_null && col != nullptr && col->not_null;
    }
    if (not_null) return c.columns;
  }
  return {};
}

bool HasUserTriggers(const model::Catalog& catalog, const QualifiedName& table) {
  for (const auto& trigger : catalog.triggers) {
    if (trigger.table == table && !trigger.constraint_trigger) return true;
  }
  return false;
}

class Generator {
 public:
  Generator(const model::Catalog& catalog, const DataGenerationOptions& options, PgConnection& connection)
      : catalog_(catalog), options_(options), connection_(connection) {}

  Result<DataGenerationResult> Run() {
    const auto start = Clock::now();
    const auto steps = datagen::PlanLoadOrder(catalog_);
    inputs_.catalog = &catalog_;
    inputs_.shape = options_.shape;
    inputs_.seed = options_.seed;
    inputs_.zipf_exponent = options_.zipf_exponent;
    inputs_.row_counts = RowCounts(catalog_, options_);
    inputs_.keys = [this](const QualifiedName& parent, const std::vector<std::string>& columns) {
      return Keys(parent, columns);
    };
    for (const auto& step : steps) {
      for (const auto& broken : step.broken) {
        if (broken.how == CycleBreak::kNullThenUpdate) inputs_.null_first.insert({broken.table, broken.constraint});
      }
    }
    auto role = connection_.Query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    superuser_ = role.ok() && role->rows() == 1 && role->GetBool(0, "rolsuper");
    for (const auto& [name, rows] : inputs_.row_counts) {
      total_ += options_.csv_files.count(name) ? 0 : rows;
    }
    for (const auto& step : steps) {
      Status status = LoadStep(step);
      if (!status.ok()) {
        if (in_transaction_) (void)connection_.Execute("ROLLBACK");
        return status;
      }
    }
    DBARCH_RETURN_IF_ERROR(MoveSequences());
    DBARCH_RETURN_IF_ERROR(connection_.Execute("ANALYZE"));
    result_.seconds = SecondsSince(start);
    return std::move(result_);
  }

 private:
  const datagen::KeyProvider* Keys(const QualifiedName& parent, const std::vector<std::string>& columns) {
    auto key = std::make_pair(parent, columns);
    if (auto it = providers_.find(key); it != providers_.end()) return it->second.get();
    std::unique_ptr<datagen::KeyProvider> provider;
    if (stored_.count(parent)) {
      // Rows not generated by a plan (CSV, filtered): read the keys back, in a stable order.
      std::string list, not_null;
      for (const auto& column : columns) {
        list += (list.empty() ? "" : ", ") + connection_.QuoteIdentifier(column);
        not_null += (not_null.empty() ? "" : " AND ") + connection_.QuoteIdentifier(column) + " IS NOT NULL";
      }
      auto rows = connection_.Query(fmt::format("SELECT DISTINCT {} FROM {} WHERE {} ORDER BY {}", list, parent.ToSql(),
                                                not_null, list));
      if (!rows.ok()) {
        key_errors_.push_back(rows.status().message());
        return nullptr;
      }
      std::vector<std::vector<std::string>> keys;
      keys.reserve(static_cast<size_t>(rows->rows()));
      for (int r = 0; r < rows->rows(); ++r) {
        std::vector<std::string> values;
        for (int c = 0; c < rows->columns(); ++c) values.emplace_back(rows->Get(r, c));
        keys.push_back(std::move(values));
      }
      provider = std::make_unique<datagen::StoredKeys>(std::move(keys));
    } else if (auto plan = plans_.find(parent); plan != plans_.end()) {
      provider = plan->second->Keys(columns);
    }
    if (!provider) return nullptr;
    return (providers_[key] = std::move(provider)).get();
  }

  // Foreign keys of `name` checked in one anti-join each (the bulk load skipped the per-row checks).
  Status CheckForeignKeys(const QualifiedName& name) {
    const model::Table& table = *catalog_.FindTable(name);
    for (const auto& c : table.constraints) {
      if (c.kind != model::ConstraintKind::kForeignKey || c.columns.size() != c.referenced_columns.size()) continue;
      std::string not_null, match;
      for (size_t i = 0; i < c.columns.size(); ++i) {
        not_null += fmt::format("{}c.{} IS NOT NULL", i ? " AND " : "", connection_.QuoteIdentifier(c.columns[i]));
        match += fmt::format("{}p.{} = c.{}", i ? " AND " : "", connection_.QuoteIdentifier(c.referenced_columns[i]),
                             connection_.QuoteIdentifier(c.columns[i]));
      }
      auto orphans = connection_.Query(fmt::format(
          "SELECT count(*) AS n FROM {} c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {})", name.ToSql(),
          not_null, c.referenced_table.ToSql(), match));
      if (!orphans.ok()) return orphans.status();
      if (const long long n = orphans->GetInt(0, "n"); n > 0) {
        if (auto csv = options_.csv_files.find(name); csv != options_.csv_files.end()) {
          return Status::InvalidInput(fmt::format("{}: {} rows of {} break foreign key {} (no matching row in {})",
                                                  name.ToString(), n, csv->second, c.name, c.referenced_table.ToString()));
        }
        return Status::Internal(fmt::format("{}: {} generated rows break foreign key {}", name.ToString(), n, c.name));
      }
    }
    return Status::Ok();
  }

  // A table outside any cycle is loaded the way pg_restore would: in one transaction that first truncates
  // it (with wal_level = minimal PostgreSQL then skips WAL for it and COPY may freeze rows), with foreign-key
  // triggers off (session_replication_role = replica, superusers only) and its foreign keys checked in bulk
  // afterwards. Tables that reference it load later, so TRUNCATE … CASCADE reaches only empty tables.
  Status LoadBulk(const QualifiedName& name) {
    DBARCH_RETURN_IF_ERROR(connection_.Execute("BEGIN"));
    in_transaction_ = true;
    DBARCH_RETURN_IF_ERROR(connection_.Execute("SET LOCAL client_min_messages = warning"));  // "truncate cascades to …"
    DBARCH_RETURN_IF_ERROR(connection_.Execute("TRUNCATE " + name.ToSql() + " CASCADE"));
    if (superuser_) DBARCH_RETURN_IF_ERROR(connection_.Execute("SET LOCAL session_replication_role = replica"));
    const model::Table& table = *catalog_.FindTable(name);
    const bool user_triggers = !superuser_ && HasUserTriggers(catalog_, name);
    if (user_triggers) DBARCH_RETURN_IF_ERROR(connection_.Execute("ALTER TABLE " + name.ToSql() + " DISABLE TRIGGER USER"));
    std::vector<std::string> notes;
    if (HasUserTriggers(catalog_, name)) notes.push_back("user triggers did not fire while loading");
    DBARCH_RETURN_IF_ERROR(LoadTable(name, std::move(notes), table.kind != model::TableKind::kPartitioned));
    if (user_triggers) DBARCH_RETURN_IF_ERROR(connection_.Execute("ALTER TABLE " + name.ToSql() + " ENABLE TRIGGER USER"));
    if (superuser_) DBARCH_RETURN_IF_ERROR(CheckForeignKeys(name));
    DBARCH_RETURN_IF_ERROR(connection_.Execute("COMMIT"));
    in_transaction_ = false;
    return Status::Ok();
  }

  Status LoadStep(const datagen::LoadStep& step) {
    if (step.tables.size() == 1 && step.broken.empty()) {
      const QualifiedName& name = step.tables.front();
      if (!options_.csv_files.count(name)) {
        auto plan = datagen::TablePlan::Build(inputs_, *catalog_.FindTable(name));
        if (!plan.ok()) return plan.status();
        plans_[name] = std::move(plan).value();
      }
      return LoadBulk(name);
    }
    if (step.deferred()) {
      DBARCH_RETURN_IF_ERROR(connection_.Execute("BEGIN"));
      in_transaction_ = true;
      DBARCH_RETURN_IF_ERROR(connection_.Execute("SET CONSTRAINTS ALL DEFERRED"));
    }
    for (const auto& name : step.tables) {
      if (options_.csv_files.count(name)) continue;
      auto plan = datagen::TablePlan::Build(inputs_, *catalog_.FindTable(name));
      if (!plan.ok()) return plan.status();
      plans_[name] = std::move(plan).value();
    }
    for (const auto& name : step.tables) {
      std::vector<std::string> notes;
      bool triggers_off = false;
      for (const auto& broken : step.broken) {
        if (broken.table != name) continue;
        notes.push_back(fmt::format("foreign key {} is part of a cycle: loaded {}", broken.constraint,
                                    broken.how == CycleBreak::kDeferred         ? "with the constraint deferred"
                                    : broken.how == CycleBreak::kNullThenUpdate ? "NULL, then filled by an UPDATE"
                                                                                : "with FK triggers disabled"));
        triggers_off |= broken.how == CycleBreak::kTriggersOff;
      }
      if (triggers_off) DBARCH_RETURN_IF_ERROR(connection_.Execute("SET session_replication_role = replica"));
      const bool user_triggers = HasUserTriggers(catalog_, name);
      if (user_triggers) {
        DBARCH_RETURN_IF_ERROR(connection_.Execute("ALTER TABLE " + name.ToSql() + " DISABLE TRIGGER USER"));
        notes.push_back("user triggers disabled while loading");
      }
      Status status = LoadTable(name, std::move(notes), false);
      if (user_triggers) {
        Status enabled = connection_.Execute("ALTER TABLE " + name.ToSql() + " ENABLE TRIGGER USER");
        if (status.ok()) status = enabled;
      }
      if (triggers_off) {
        Status reset = connection_.Execute("SET session_replication_role = DEFAULT");
        if (status.ok()) status = reset;
      }
      DBARCH_RETURN_IF_ERROR(status);
    }
    if (in_transaction_) {
      DBARCH_RETURN_IF_ERROR(connection_.Execute("COMMIT"));
      in_transaction_ = false;
    }
    for (const auto& name : step.tables) {
      auto plan = plans_.find(name);
      if (plan == plans_.end() || plan->second->null_first().empty()) continue;
      const auto key = RowKey(*catalog_.FindTable(name));
      if (key.empty()) {
        result_.notes.push_back(name.ToString() + ": no primary key to fill cycle-breaking foreign keys by; left NULL");
        continue;
      }
      Status filled = datagen::FillNullFirstKeys(connection_, *plan->second, key);
      if (!filled.ok()) return Status::InvalidInput(name.ToString() + ": filling cycle-breaking foreign keys: " + filled.message());
    }
    return Status::Ok();
  }

  Status LoadTable(const QualifiedName& name, std::vector<std::string> notes, bool freeze) {
    const auto start = Clock::now();
    TableLoadResult table;
    table.table = name;
    table.notes = std::move(notes);
    if (auto csv = options_.csv_files.find(name); csv != options_.csv_files.end()) {
      auto loaded = datagen::LoadCsvFile(connection_, name, csv->second);
      if (!loaded.ok()) return loaded.status();
      table.rows = loaded.value();
      table.method = "csv";
      stored_.insert(name);
    } else {
      const datagen::TablePlan& plan = *plans_.at(name);
      const int64_t before = done_;
      auto loaded = datagen::LoadPlannedTable(connection_, plan, freeze, [&](int64_t rows) {
        done_ = before + rows;
        if (options_.progress) options_.progress(done_, total_);
      });
      if (!loaded.ok()) {
        return Status::InvalidInput(fmt::format("loading generated rows into {} failed: {}", name.ToString(),
                                                loaded.status().message()));
      }
      done_ = before + plan.rows();
      table.rows = loaded->loaded;
      table.method = loaded->staged ? "generated+filtered" : "generated";
      table.notes.insert(table.notes.end(), plan.notes().begin(), plan.notes().end());
      if (loaded->staged) {
        if (loaded->loaded < loaded->generated) {
          table.notes.push_back(fmt::format("{} of {} generated rows broke a constraint and were dropped",
                                            loaded->generated - loaded->loaded, loaded->generated));
        }
        stored_.insert(name);
      }
    }
    if (!key_errors_.empty()) {
      return Status::InvalidInput(name.ToString() + ": reading parent keys failed: " + key_errors_.front());
    }
    table.seconds = SecondsSince(start);
    result_.total_rows += table.rows;
    result_.tables.push_back(std::move(table));
    return Status::Ok();
  }

  Status MoveSequences() {
    for (const auto& loaded : result_.tables) {
      const model::Table* table = catalog_.FindTable(loaded.table);
      if (table == nullptr || loaded.rows == 0) continue;
      for (const auto& column : table->columns) {
        const bool sequenced = column.identity != model::IdentityKind::kNone || column.from_serial ||
                               (column.default_expr && column.default_expr->find("nextval(") != std::string::npos);
        const std::string& type = column.type.name;
        if (!sequenced || column.type.array_dims > 0 || (type != "integer" && type != "bigint" && type != "smallint")) continue;
        const std::string sequence = SequenceExpression(connection_, *table, column);
        auto moved = connection_.Query(fmt::format("SELECT setval({}, COALESCE((SELECT max({}) FROM {}), 0) + 1, false)",
                                                   sequence, connection_.QuoteIdentifier(column.name), table->name.ToSql()));
        if (!moved.ok()) {
          result_.notes.push_back(fmt::format("sequence of {}.{} not moved: {}", table->name.ToString(), column.name,
                                              moved.status().message()));
        }
      }
    }
    return Status::Ok();
  }

  const model::Catalog& catalog_;
  const DataGenerationOptions& options_;
  PgConnection& connection_;
  datagen::PlanInputs inputs_;
  std::map<QualifiedName, std::unique_ptr<datagen::TablePlan>> plans_;
  std::set<QualifiedName> stored_;
  std::map<std::pair<QualifiedName, std::vector<std::string>>, std::unique_ptr<datagen::KeyProvider>> providers_;
  std::vector<std::string> key_errors_;
  DataGenerationResult result_;
  int64_t done_ = 0, total_ = 0;
  bool in_transaction_ = false;
  bool superuser_ = false;
};

}  // namespace

Result<DataGenerationResult> GenerateData(const model::Catalog& catalog, const DataGenerationOptions& options,
                                          PgConnection& connection) {
  return Generator(catalog, options, connection).Run();
}

}  // namespace dbarch::verify
