// Configuration tuning: setting-value arithmetic, workload classification, the memory budget invariant
// over a grid of machines, comparison with a server's pg_settings, risky settings, pgbench output parsing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzers/tune.h"
#include "model/server_settings.h"
#include "verify/config_benchmark.h"

namespace dbarch {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kGbBytes = 1024LL * 1024 * 1024;

model::ServerSetting Row(std::string name, std::string setting, std::string unit = "", std::string context = "user",
                         std::string source = "default") {
  model::ServerSetting s;
  s.name = std::move(name);
  s.setting = std::move(setting);
  s.unit = std::move(unit);
  s.context = std::move(context);
  s.source = std::move(source);
  return s;
}

analyzers::TuneRequest Request(int64_t ram_gb, int cpus, analyzers::StorageKind storage,
                               std::optional<analyzers::WorkloadClass> kind) {
  analyzers::TuneRequest r;
  r.hardware.ram_bytes = ram_gb * kGbBytes;
  r.hardware.cpus = cpus;
  r.hardware.storage = storage;
  r.workload_class = kind;
  return r;
}

model::Query MakeQuery(model::StatementKind kind, double calls, bool aggregate = false, bool keyed = false) {
  model::Query q;
  q.kind = kind;
  q.calls = calls;
  q.has_aggregate = aggregate;
  if (keyed) {
    model::Predicate p;
    p.op = "=";
    p.operand = model::Predicate::Operand::kParameter;
    q.predicates.push_back(p);
  }
  return q;
}

TEST(ServerSettings, MemoryValuesInAnyUnit) {
  EXPECT_EQ(model::ParseMemoryKb("4GB"), 4 * 1024 * 1024);
  EXPECT_EQ(model::ParseMemoryKb("'512MB'"), 512 * 1024);
  EXPECT_EQ(model::ParseMemoryKb("16384", "8kB"), 131072);  // shared_buffers as pg_settings shows it
  EXPECT_EQ(model::ParseMemoryKb("64", "MB"), 65536);
  EXPECT_EQ(model::ParseMemoryKb("4gb"), std::nullopt);  // PostgreSQL's units are case-sensitive
  EXPECT_EQ(model::ParseMemoryKb("lots"), std::nullopt);
  EXPECT_EQ(model::FormatMemoryKb(4 * 1024 * 1024), "4GB");
  EXPECT_EQ(model::FormatMemoryKb(131072), "128MB");
  EXPECT_EQ(model::FormatMemoryKb(1536), "1536kB");
  EXPECT_EQ(model::FormatMemoryKb(-1), "-1");
}

TEST(ServerSettings, DurationsInAnyUnit) {
  EXPECT_EQ(model::ParseDurationMs("5min"), 300000);
  EXPECT_EQ(model::ParseDurationMs("300", "s"), 300000);
  EXPECT_EQ(model::FormatDurationMs(300000), "5min");
  EXPECT_EQ(model::FormatDurationMs(1500), "1500ms");
  EXPECT_EQ(model::FormatDurationMs(0), "0");
}

TEST(ServerSettings, SameValueAcrossSpellings) {
  EXPECT_TRUE(model::SameSettingValue(Row("shared_buffers", "16384", "8kB"), "128MB"));
  EXPECT_FALSE(model::SameSettingValue(Row("shared_buffers", "16384", "8kB"), "4GB"));
  EXPECT_TRUE(model::SameSettingValue(Row("checkpoint_timeout", "300", "s"), "5min"));
  EXPECT_TRUE(model::SameSettingValue(Row("jit", "on"), "true"));
  EXPECT_TRUE(model::SameSettingValue(Row("random_page_cost", "1.1"), "1.10"));
  EXPECT_TRUE(model::SameSettingValue(Row("wal_compression", "lz4"), "'lz4'"));
  EXPECT_EQ(model::DisplayValue(Row("shared_buffers", "16384", "8kB")), "128MB");
  EXPECT_EQ(model::DisplayValue(Row("log_autovacuum_min_duration", "-1", "ms")), "-1");
}

TEST(ClassifyWorkload, AnalyticCallsMakeAWarehouse) {
  model::Workload w;
  w.queries.push_back(MakeQuery(model::StatementKind::kSelect, 60, /*aggregate=*/true));
  w.queries.push_back(MakeQuery(model::StatementKind::kSelect, 40, false, /*keyed=*/true));
  auto advice = analyzers::RecommendConfiguration(Request(64, 16, analyzers::StorageKind::kSsd, std::nullopt), {}, w, nullptr);
  ASSERT_TRUE(advice.ok());
  EXPECT_EQ(advice->profile.workload_class, analyzers::WorkloadClass::kWarehouse);
  EXPECT_TRUE(advice->profile.inferred);
  EXPECT_DOUBLE_EQ(advice->profile.analytic_share, 0.6);
  ASSERT_NE(advice->Find("default_statistics_target"), nullptr);
}

TEST(ClassifyWorkload, KeyedAggregatesAreNotAnalytic) {
  model::Workload w;
  w.queries.push_back(MakeQuery(model::StatementKind::kSelect, 90, /*aggregate=*/true, /*keyed=*/true));
  w.queries.push_back(MakeQuery(model::StatementKind::kUpdate, 10));
  auto advice = analyzers::RecommendConfiguration(Request(16, 4, analyzers::StorageKind::kSsd, std::nullopt), {}, w, nullptr);
  ASSERT_TRUE(advice.ok());
  EXPECT_EQ(advice->profile.workload_class, analyzers::WorkloadClass::kWeb);
  ASSERT_NE(advice->Find("jit"), nullptr);
  EXPECT_EQ(advice->Find("jit")->value, "off");
}

TEST(ClassifyWorkload, WritesMakeOltpAndNothingMakesMixed) {
  model::Workload w;
  w.queries.push_back(MakeQuery(model::StatementKind::kInsert, 50));
  w.queries.push_back(MakeQuery(model::StatementKind::kSelect, 50, false, true));
  auto oltp = analyzers::RecommendConfiguration(Request(16, 4, analyzers::StorageKind::kSsd, std::nullopt), {}, w, nullptr);
  ASSERT_TRUE(oltp.ok());
  EXPECT_EQ(oltp->profile.workload_class, analyzers::WorkloadClass::kOltp);
  auto none = analyzers::RecommendConfiguration(Request(16, 4, analyzers::StorageKind::kSsd, std::nullopt), {}, {}, nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->profile.workload_class, analyzers::WorkloadClass::kMixed);
  EXPECT_THAT(none->profile.evidence.back(), HasSubstr("assumed mixed"));
}

TEST(RecommendConfiguration, RejectsImpossibleHardware) {
  EXPECT_FALSE(analyzers::RecommendConfiguration(Request(0, 4, analyzers::StorageKind::kSsd, std::nullopt), {}, {}, nullptr).ok());
  EXPECT_FALSE(analyzers::RecommendConfiguration(Request(8, 0, analyzers::StorageKind::kSsd, std::nullopt), {}, {}, nullptr).ok());
}

// The point of the work_mem formula: even if every connection and parallel worker runs the heaviest
// common statement at once, shared_buffers + autovacuum + sorts/hashes stay within RAM — unless work_mem
// sits at PostgreSQL's 4MB floor, which the reason then says.
TEST(RecommendConfiguration, WorstCaseMemoryFitsInRamOnEveryMachine) {
  for (int64_t ram_gb : {1, 2, 4, 8, 16, 64, 256}) {
    for (int cpus : {1, 2, 4, 16, 64}) {
      for (auto kind : {analyzers::WorkloadClass::kWeb, analyzers::WorkloadClass::kOltp,
                        analyzers::WorkloadClass::kMixed, analyzers::WorkloadClass::kWarehouse}) {
        SCOPED_TRACE(::testing::Message() << ram_gb << "GB " << cpus << " CPUs " << analyzers::WorkloadClassName(kind));
        auto advice = analyzers::RecommendConfiguration(Request(ram_gb, cpus, analyzers::StorageKind::kSsd, kind), {}, {}, nullptr);
        ASSERT_TRUE(advice.ok());
        auto kb = [&](const char* name) -> int64_t {
          const auto* s = advice->Find(name);
          return s == nullptr ? 0 : model::ParseMemoryKb(s->value).value_or(0);
        };
        const int64_t ram_kb = ram_gb * 1024 * 1024;
        const int64_t work_mem = kb("work_mem");
        const int64_t autovacuum = advice->Find("autovacuum_work_mem") ? kb("autovacuum_work_mem") : kb("maintenance_work_mem");
        const int workers = advice->Find("autovacuum_max_workers") ? std::stoi(advice->Find("autovacuum_max_workers")->value) : 3;
        const int parallel = advice->Find("max_parallel_workers") ? std::stoi(advice->Find("max_parallel_workers")->value) : 0;
        const int64_t worst = kb("shared_buffers") + autovacuum * workers +
                              work_mem * (advice->max_connections + parallel) * advice->profile.sort_hash_nodes;
        EXPECT_GE(work_mem, 4 * 1024);
        EXPECT_LE(kb("shared_buffers"), ram_kb / 4 + 128 * 1024);
        EXPECT_LE(kb("effective_cache_size"), ram_kb);
        if (advice->Find("work_mem")->reason.find("default is kept") != std::string::npos) {
          EXPECT_EQ(work_mem, 4 * 1024);
        } else {
          EXPECT_LE(worst, ram_kb);
        }
        if (cpus < 2) {
          EXPECT_EQ(advice->Find("max_parallel_workers_per_gather")->value, "0");
        } else {
          EXPECT_LE(std::stoi(advice->Find("max_parallel_workers_per_gather")->value), cpus / 2);
        }
      }
    }
  }
}

TEST(RecommendConfiguration, StorageDecidesPlannerCosts) {
  auto ssd = analyzers::RecommendConfiguration(Request(16, 4, analyzers::StorageKind::kSsd, analyzers::WorkloadClass::kWeb), {}, {}, nullptr);
  auto hdd = analyzers::RecommendConfiguration(Request(16, 4, analyzers::StorageKind::kHdd, analyzers::WorkloadClass::kWeb), {}, {}, nullptr);
  ASSERT_TRUE(ssd.ok() && hdd.ok());
  EXPECT_EQ(ssd->Find("random_page_cost")->value, "1.1");
  EXPECT_EQ(hdd->Find("random_page_cost"), nullptr);  // 4, the default, models spinning disks
  EXPECT_EQ(hdd->Find("effective_io_concurrency")->value, "2");
  EXPECT_EQ(hdd->Find("autovacuum_vacuum_cost_limit"), nullptr);
}

TEST(RecommendConfiguration, OlderServersGetPortableValues) {
  auto request = Request(16, 4, analyzers::StorageKind::kSsd, analyzers::WorkloadClass::kWeb);
  request.server_major = 14;
  auto advice = analyzers::RecommendConfiguration(request, {}, {}, nullptr);
  ASSERT_TRUE(advice.ok());
  EXPECT_EQ(advice->Find("wal_compression")->value, "on");  // lz4 needs 15
}

TEST(RecommendConfiguration, LargeTablesFromStatisticsGetTriggersByRowCount) {
  model::Catalog catalog;
  model::Table table;
  table.name = {"public", "events"};
  catalog.tables[table.name] = table;
  model::Statistics stats;
  model::TableStatistics t;
  t.table = table.name;
  t.rows = 50'000'000;
  t.total_bytes = 20 * kGbBytes;
  stats.tables[t.table] = t;
  model::Workload w;
  auto insert = MakeQuery(model::StatementKind::kInsert, 5000);
  insert.target = table.name;
  insert.tables = {table.name};
  w.queries.push_back(insert);
  auto advice = analyzers::RecommendConfiguration(Request(16, 4, analyzers::StorageKind::kSsd, std::nullopt), catalog, w, &stats);
  ASSERT_TRUE(advice.ok());
  ASSERT_EQ(advice->table_overrides.size(), 1u);
  EXPECT_EQ(advice->table_overrides[0].Sql(),
            "ALTER TABLE public.events SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 50, "
            "autovacuum_analyze_scale_factor = 0.005, autovacuum_vacuum_insert_scale_factor = 0.01);");
  EXPECT_THAT(advice->Find("shared_buffers")->reason, HasSubstr("20 GB of data is 5.0× this"));
}

TEST(CompareWithServer, ExplainsEachDifferenceAndWhatApplyingItTakes) {
  auto advice = analyzers::RecommendConfiguration(Request(16, 4, analyzers::StorageKind::kSsd, analyzers::WorkloadClass::kWeb), {}, {}, nullptr);
  ASSERT_TRUE(advice.ok());
  std::vector<model::ServerSetting> current = {
      Row("shared_buffers", "16384", "8kB", "postmaster"),
      Row("random_page_cost", "1.1", "", "user", "configuration file"),
      Row("checkpoint_timeout", "300", "s", "sighup"),
      Row("shared_preload_libraries", "auto_explain", "", "postmaster", "configuration file"),
  };
  auto diffs = analyzers::CompareWithServer(*advice, current);
  auto find = [&](const std::string& name) {
    for (const auto& d : diffs) {
      if (d.name == name) return d;
    }
    return analyzers::SettingDifference{};
  };
  EXPECT_EQ(find("shared_buffers").kind, analyzers::SettingDifference::Kind::kChange);
  EXPECT_EQ(find("shared_buffers").current, "128MB");
  EXPECT_THAT(find("shared_buffers").explanation, HasSubstr("128MB → 4GB"));
  EXPECT_THAT(find("shared_buffers").explanation, HasSubstr("needs a server restart"));
  EXPECT_EQ(find("random_page_cost").kind, analyzers::SettingDifference::Kind::kAlreadySet);
  EXPECT_THAT(find("checkpoint_timeout").explanation, HasSubstr("5min → 15min"));
  EXPECT_THAT(find("checkpoint_timeout").explanation, HasSubstr("pg_reload_conf"));
  EXPECT_EQ(find("shared_preload_libraries").recommended, "'auto_explain,pg_stat_statements'");
  EXPECT_EQ(find("work_mem").kind, analyzers::SettingDifference::Kind::kMissingOnServer);
}

TEST(FindRiskySettings, FlagsSettingsThatRiskData) {
  auto risky = analyzers::FindRiskySettings({Row("fsync", "off"), Row("full_page_writes", "on"),
                                             Row("autovacuum", "off"), Row("password_encryption", "md5")});
  ASSERT_EQ(risky.size(), 3u);
  EXPECT_EQ(risky[0].name, "fsync");
  EXPECT_THAT(risky[0].risk, HasSubstr("corrupt"));
  EXPECT_EQ(risky[1].name, "autovacuum");
  EXPECT_EQ(risky[2].name, "password_encryption");
  EXPECT_TRUE(analyzers::FindRiskySettings({Row("fsync", "on"), Row("autovacuum", "on")}).empty());
}

TEST(PgbenchOutput, ParsesTheSummary) {
  const std::string output =
      "pgbench (15.18 (Debian 15.18-0+deb12u1))\n"
      "transaction type: <builtin: TPC-B (sort of)>\nscaling factor: 10\nquery mode: simple\n"
      "number of clients: 8\nnumber of threads: 2\nduration: 10 s\n"
      "number of transactions actually processed: 12345\nnumber of failed transactions: 0 (0.000%)\n"
      "latency average = 6.481 ms\ninitial connection time = 12.3 ms\n"
      "tps = 1234.567890 (without initial connection time)\n";
  auto parsed = verify::ParsePgbenchOutput(output);
  ASSERT_TRUE(parsed.ok());
  EXPECT_DOUBLE_EQ(parsed->tps, 1234.56789);
  EXPECT_DOUBLE_EQ(parsed->latency_ms, 6.481);
  EXPECT_EQ(parsed->transactions, 12345);
  EXPECT_FALSE(verify::ParsePgbenchOutput("pgbench: error: connection refused\n").ok());
}

}  // namespace
}  // namespace dbarch
