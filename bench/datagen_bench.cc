// Data generator throughput: rows per second dbarch's synthetic data generator loads into a scratch cluster,
// on a simple table (the shape of pgbench_accounts, with and without its primary key during the load) and
// on the shop example's whole schema (18 tables, foreign keys, CHECKs, partitions, enums), next to
// `pgbench -i` — PostgreSQL's own client-side COPY data generator — on the same cluster.
//
//   build/bench/datagen_bench [rows=2000000] [pgbench_scale=20]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>

#include <fmt/format.h>

#include "sources/ddl_loader.h"
#include "sources/project_loader.h"
#include "verify/apply_sql.h"
#include "verify/data_generator.h"
#include "verify/scratch_cluster.h"

using namespace dbarch;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Fail(const Status& status) {
  std::fprintf(stderr, "%s\n", status.ToString().c_str());
  return 1;
}

Result<model::Catalog> CatalogOf(const std::string& ddl) {
  auto parsed = sql::ParseString("bench.sql", ddl);
  if (!parsed.ok()) return parsed.status();
  model::Catalog catalog;
  sources::DdlReplayer replayer(&catalog);
  Diagnostics diagnostics;
  replayer.ApplyFile(parsed.value(), &diagnostics);
  return catalog;
}

// Loads `rows` rows into a pgbench_accounts-shaped table; returns rows per second of the load alone (no
// ANALYZE: pgbench's "client-side generate" step does not analyze either).
Result<double> SimpleTable(verify::ScratchCluster& cluster, const std::string& database, long long rows, bool primary_key) {
  if (auto created = cluster.CreateDatabase(database); !created.ok()) return created.status();
  auto db = cluster.Connect(database);
  if (!db.ok()) return db.status();
  const std::string ddl = fmt::format(
      "CREATE TABLE accounts (aid integer NOT NULL{}, bid integer NOT NULL, abalance integer NOT NULL, filler char(84));",
      primary_key ? " PRIMARY KEY" : "");
  auto catalog = CatalogOf(ddl);
  if (!catalog.ok()) return catalog.status();
  if (Status s = db->Execute(ddl); !s.ok()) return s;
  verify::DataGenerationOptions options;
  options.row_counts[{"public", "accounts"}] = rows;
  auto generated = verify::GenerateData(*catalog, options, *db);
  if (!generated.ok()) return generated.status();
  const auto& table = generated->tables.front();
  return static_cast<double>(table.rows) / table.seconds;
}

// pgbench -i -s N with the given steps; returns the seconds pgbench reports for "client-side generate" and
// for "primary keys".
Result<std::pair<double, double>> Pgbench(verify::ScratchCluster& cluster, int scale) {
  if (auto created = cluster.CreateDatabase("pgbench"); !created.ok()) return created.status();
  const std::string command = fmt::format("{}/pgbench -i -q -I dtgp -s {} -h '{}' -p {} -U '{}' pgbench 2>&1",
                                          cluster.binaries().bindir, scale, cluster.socket_dir(), cluster.port(),
                                          cluster.superuser());
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return Status::Unavailable("cannot run pgbench");
  std::string output;
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, n);
  if (pclose(pipe) != 0) return Status::Unavailable("pgbench failed:\n" + output);
  std::smatch generate, keys;
  if (!std::regex_search(output, generate, std::regex(R"(client-side generate ([0-9.]+) s)")) ||
      !std::regex_search(output, keys, std::regex(R"(primary keys ([0-9.]+) s)"))) {
    return Status::Internal("unexpected pgbench output:\n" + output);
  }
  return std::make_pair(std::stod(generate[1]), std::stod(keys[1]));
}

}  // namespace

int main(int argc, char** argv) {
  const long long rows = argc > 1 ? std::atoll(argv[1]) : 2000000;
  const int scale = argc > 2 ? std::atoi(argv[2]) : 20;
  auto cluster = verify::ScratchCluster::Start();
  if (!cluster.ok()) return Fail(cluster.status());
  verify::ScratchCluster& c = **cluster;

  auto keyed = SimpleTable(c, "simple_pk", rows, true);
  if (!keyed.ok()) return Fail(keyed.status());
  auto bare = SimpleTable(c, "simple", rows, false);
  if (!bare.ok()) return Fail(bare.status());

  // The shop example: every table, default row counts scaled so the whole schema holds about `rows` rows.
  sources::LoadOptions load;
  load.schema_paths = {std::string(DBARCH_SOURCE_DIR) + "/examples/shop/migrations"};
  auto shop = sources::LoadProject(load);
  if (!shop.ok()) return Fail(shop.status());
  if (auto created = c.CreateDatabase("shop"); !created.ok()) return Fail(created.status());
  auto db = c.Connect("shop");
  if (!db.ok()) return Fail(db.status());
  for (const auto& file : shop->files) {
    if (file.role != "migration") continue;
    auto parsed = sql::ParseFile(file.path);
    if (!parsed.ok()) return Fail(parsed.status());
    if (Status s = verify::ApplyParsedFile(*db, parsed.value()); !s.ok()) return Fail(s);
  }
  verify::DataGenerationOptions options;
  options.default_rows = std::max<long long>(1000, rows / 25);
  const auto start = std::chrono::steady_clock::now();
  auto generated = verify::GenerateData(shop->catalog, options, *db);
  if (!generated.ok()) return Fail(generated.status());
  const double shop_seconds = Seconds(start);
  double load_seconds = 0;
  for (const auto& table : generated->tables) load_seconds += table.seconds;

  auto pgbench = Pgbench(c, scale);
  if (!pgbench.ok()) return Fail(pgbench.status());
  const double pgbench_rows = 100000.0 * scale + 10.0 * scale + scale;  // accounts + tellers + branches
  const double pgbench_generate = pgbench_rows / pgbench->first;
  const double pgbench_with_keys = pgbench_rows / (pgbench->first + pgbench->second);

  std::printf("%-58s %14s\n", "load", "rows/s");
  std::printf("%-58s %14.0f\n", fmt::format("dbarch, accounts-shaped table, {} rows, no key", rows).c_str(), *bare);
  std::printf("%-58s %14.0f\n", fmt::format("dbarch, accounts-shaped table, {} rows, primary key", rows).c_str(), *keyed);
  std::printf("%-58s %14.0f\n", fmt::format("dbarch, shop schema, {} rows in {} tables", generated->total_rows,
                                            generated->tables.size()).c_str(), generated->total_rows / load_seconds);
  std::printf("%-58s %14.0f\n", "dbarch, shop schema incl. planning, sequences, ANALYZE", generated->total_rows / shop_seconds);
  std::printf("%-58s %14.0f\n", fmt::format("pgbench -i -s {}: client-side generate (no key)", scale).c_str(), pgbench_generate);
  std::printf("%-58s %14.0f\n", fmt::format("pgbench -i -s {}: generate + primary keys", scale).c_str(), pgbench_with_keys);
  std::printf("ratio dbarch/pgbench: no key %.2fx, with primary key %.2fx\n", *bare / pgbench_generate, *keyed / pgbench_with_keys);
  return 0;
}
