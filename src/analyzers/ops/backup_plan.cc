// The backup / point-in-time-recovery outline: pgBackRest full weekly + differential daily + continuous
// WAL archiving, retention, the PITR procedure and a restore test, with the RPO/RTO assumptions stated and
// the schema facts that change the plan (unlogged tables, partition retention, write volume).
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

double TotalWrites(const PressureMap& pressure) {
  double writes = 0;
  for (const auto& [name, p] : pressure) writes += p.inserts + p.updates + p.deletes;
  return writes;
}

// The most written tables: the ones whose loss would hurt and whose row counts a restore test checks.
std::vector<model::QualifiedName> BusiestWrittenTables(const PressureMap& pressure, size_t n) {
  std::vector<const TablePressure*> tables;
  for (const auto& [name, p] : pressure) {
    if (p.inserts + p.updates + p.deletes > 0) tables.push_back(&p);
  }
  std::stable_sort(tables.begin(), tables.end(), [](const TablePressure* a, const TablePressure* b) {
    return a->inserts + a->updates + a->deletes > b->inserts + b->updates + b->deletes;
  });
  std::vector<model::QualifiedName> out;
  for (size_t i = 0; i < tables.size() && i < n; ++i) out.push_back(tables[i]->table);
  return out;
}

std::string NameList(const std::vector<model::QualifiedName>& names) {
  std::vector<std::string> text;
  for (const auto& n : names) text.push_back(n.ToString());
  return fmt::format("{}", fmt::join(text, ", "));
}

}  // namespace

std::vector<Advice> BackupPlan(const model::Catalog& catalog, const model::Workload& workload,
                               const PressureMap& pressure) {
  std::vector<Advice> out;
  double writes = TotalWrites(pressure);
  auto busiest = BusiestWrittenTables(pressure, 5);

  {
    Advice a;
    a.id = "backup/assumptions";
    a.title = "Recovery objectives assumed: RPO ≤ 1 minute, RTO ≤ 1 hour";
    a.detail =
        "ASSUMED targets, to be confirmed by the business: lose at most one minute of committed transactions "
        "(RPO) and be back within an hour (RTO). WAL archiving with archive_timeout = 60s bounds the RPO for a "
        "single server (a synchronous replica brings it to zero); the RTO is restore time (database size / "
        "restore throughput) plus WAL replay, which only the restore test can measure — the database size is "
        "unknown until live statistics are available. `dbarch backup --rpo … --rto … --size … (or --db URL) -o DIR` "
        "turns the real targets into pgbackrest.conf, the archiving settings, a crontab, the PITR procedure and a "
        "restore-test script; `--verify` proves them with a real backup and point-in-time restore (docs/backup.md).";
    a.evidence.push_back(fmt::format("the workload runs {} writing statements/h", FormatCount(writes)));
    a.evidence.push_back(fmt::format("{} tables in the schema", catalog.tables.size()));
    a.based_on = "schema+workload";
    out.push_back(std::move(a));
  }
  {
    Advice a;
    a.id = "backup/pgbackrest-schedule";
    a.title = "pgBackRest: full backup weekly, differential daily, continuous WAL archiving";
    a.detail = fmt::format(
        "A weekly full plus daily differential backups keep restore to at most one full + one differential + a "
        "day of WAL. WAL volume follows the write rate ({} writes/h here{}); full-page writes after each "
        "checkpoint dominate it, so checkpoint_timeout = 15min and wal_compression = on keep the archive small. "
        "Store the repository off the database host (object storage) and encrypt it.",
        FormatCount(writes), busiest.empty() ? "" : ", mostly " + NameList(busiest));
    a.evidence.push_back(fmt::format("{} writes/h across {} statements", FormatCount(writes), workload.queries.size()));
    a.snippet =
        "# /etc/pgbackrest/pgbackrest.conf\n"
        "[global]\n"
        "repo1-type=s3                       # or posix on a separate host\n"
        "repo1-retention-full=2\n"
        "repo1-retention-diff=7\n"
        "repo1-cipher-type=aes-256-cbc\n"
        "compress-type=zst\n"
        "process-max=2\n"
        "start-fast=y\n"
        "[main]\n"
        "pg1-path=/var/lib/postgresql/16/main\n"
        "\n"
        "# postgresql.conf\n"
        "archive_mode = on\n"
        "archive_command = 'pgbackrest --stanza=main archive-push %p'\n"
        "archive_timeout = 60s               # RPO bound on a quiet server\n"
        "\n"
        "# crontab (postgres user)\n"
        "0 1 * * 0    pgbackrest --stanza=main --type=full backup\n"
        "0 1 * * 1-6  pgbackrest --stanza=main --type=diff backup\n";
    a.based_on = "workload";
    out.push_back(std::move(a));
  }
  {
    Advice a;
    a.id = "backup/retention";
    a.title = "Retention: 2 full backups (≈ 2-3 weeks of point-in-time recovery)";
    a.detail =
        "repo1-retention-full=2 keeps two weekly fulls with their differentials and all WAL in between, so any "
        "moment of the last 14-21 days can be restored; expire runs after each backup. Keep a monthly full "
        "longer (a second repository, or an annotated backup) if compliance asks for it.";
    std::vector<std::string> partitioned;
    for (const auto& [name, t] : catalog.tables) {
      if (t.kind == model::TableKind::kPartitioned) partitioned.push_back(name.ToString());
    }
    if (!partitioned.empty()) {
      a.detail += fmt::format(
          " The partitioned table(s) {} have their own retention: export a partition (pg_dump -t) before it is "
          "dropped if the data must outlive the backup retention.",
          fmt::join(partitioned, ", "));
      for (const auto& t : partitioned) a.evidence.push_back(t + " is partitioned");
    }
    a.snippet = "pgbackrest --stanza=main expire   # also runs automatically after each backup\n";
    a.based_on = partitioned.empty() ? "workload" : "schema";
    out.push_back(std::move(a));
  }
  {
    Advice a;
    a.id = "backup/pitr-procedure";
    a.title = "Point-in-time recovery procedure";
    a.detail =
        "To undo a bad deployment or an accidental DELETE: stop the application, note the last good time from "
        "the logs (log_line_prefix carries timestamps), restore to that target into a NEW data directory, check "
        "the data, then either promote it or copy the lost rows back. Never restore over the only copy.";
    a.snippet =
        "pgbackrest --stanza=main --type=time --target='2025-01-31 14:05:00+00' --target-action=promote \\\n"
        "  --pg1-path=/var/lib/postgresql/16/restore restore\n"
        "pg_ctl -D /var/lib/postgresql/16/restore -o '-p 5433' start\n";
    a.based_on = "schema";
    out.push_back(std::move(a));
  }
  {
    Advice a;
    a.id = "backup/restore-test";
    a.title = "Test the restore monthly and measure the RTO";
    a.detail =
        "A backup that was never restored is a hope. Monthly: restore the latest backup to a scratch host, "
        "replay WAL to a recent time, run pgbackrest verify, compare row counts of the busiest tables with "
        "production and record the elapsed time — that number is the real RTO.";
    if (!busiest.empty()) {
      a.evidence.push_back("tables to check after restore (most written): " + NameList(busiest));
      a.snippet = "-- after restore, compare with production:\n";
      for (const auto& t : busiest) a.snippet += fmt::format("SELECT count(*) FROM {};\n", t.ToSql());
    }
    a.snippet += "-- pgbackrest --stanza=main verify\n";
    a.based_on = busiest.empty() ? "schema" : "workload";
    out.push_back(std::move(a));
  }
  std::vector<model::QualifiedName> unlogged;
  for (const auto& [name, t] : catalog.tables) {
    if (t.unlogged) unlogged.push_back(name);
  }
  if (!unlogged.empty()) {
    Advice a;
    a.id = "backup/unlogged-tables";
    a.title = "Unlogged tables are not recoverable";
    a.detail =
        "UNLOGGED tables skip WAL: they are emptied after a crash, are empty on replicas and after a "
        "point-in-time restore. Keep only data there that can be rebuilt, or make them logged.";
    for (const auto& t : unlogged) {
      a.evidence.push_back(t.ToString() + " is UNLOGGED");
      a.snippet += fmt::format("ALTER TABLE {} SET LOGGED;  -- rewrites the table\n", t.ToSql());
    }
    a.based_on = "schema";
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace dbarch::analyzers::ops
