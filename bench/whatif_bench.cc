// What-if throughput: how many "what would this query cost with that index?" answers per second dbarch's
// engine gives (HypoPG, several sessions, cache), next to the naive way an advisor without HypoPG works —
// CREATE INDEX for real, EXPLAIN, DROP INDEX — on the same scratch cluster, data and questions.
//
//   build/bench/whatif_bench [rows=1000000] [connections=2]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "verify/explain.h"
#include "verify/scratch_cluster.h"
#include "verify/whatif.h"

using namespace dbarch;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Fail(const Status& status) {
  std::fprintf(stderr, "%s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long long rows = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const int connections = argc > 2 ? std::atoi(argv[2]) : 2;
  auto cluster = verify::ScratchCluster::Start();
  if (!cluster.ok()) return Fail(cluster.status());
  if (auto created = (*cluster)->CreateDatabase("bench"); !created.ok()) return Fail(created.status());
  auto connection = (*cluster)->Connect("bench");
  if (!connection.ok()) return Fail(connection.status());
  std::fprintf(stderr, "loading %lld rows…\n", rows);
  Status loaded = connection->Execute(fmt::format(
      "CREATE TABLE events (id bigint PRIMARY KEY, account_id int NOT NULL, kind text NOT NULL, "
      "created_at timestamptz NOT NULL, amount numeric NOT NULL);"
      "INSERT INTO events SELECT g, g % 20000, (ARRAY['view','click','buy','refund'])[1 + g % 4], "
      "now() - g * interval '1 second', (g % 1000) / 10.0 FROM generate_series(1, {}) g; ANALYZE events;",
      rows));
  if (!loaded.ok()) return Fail(loaded);

  const model::QualifiedName events{"public", "events"};
  const std::vector<std::string> queries = {
      "SELECT * FROM events WHERE account_id = $1 ORDER BY created_at DESC LIMIT 20",
      "SELECT count(*) FROM events WHERE kind = 'refund' AND created_at > now() - interval '1 day'",
      "SELECT account_id, sum(amount) FROM events WHERE created_at BETWEEN $1 AND $2 GROUP BY account_id",
      "SELECT * FROM events WHERE amount > 99 AND kind = 'buy'"};
  const std::vector<std::string> indexes = {
      "CREATE INDEX ON public.events (account_id)",          "CREATE INDEX ON public.events (account_id, created_at)",
      "CREATE INDEX ON public.events (created_at)",          "CREATE INDEX ON public.events (kind, created_at)",
      "CREATE INDEX ON public.events (amount)",              "CREATE INDEX ON public.events (kind, amount)",
      "CREATE INDEX ON public.events (created_at, account_id) INCLUDE (amount)",
      "CREATE INDEX ON public.events (created_at) WHERE kind = 'refund'"};
  std::vector<verify::CostRequest> requests;
  for (const std::string& query : queries) {
    for (const std::string& index : indexes) requests.push_back({query, {events}, {{{events, index, "btree"}}, {}}});
  }

  // dbarch: HypoPG over several sessions, every answer new (cache off), then the same questions again (cache on).
  auto whatif = verify::WhatIf::Create([&] { return (*cluster)->Connect("bench"); }, {connections, false});
  if (!whatif.ok()) return Fail(whatif.status());
  auto start = std::chrono::steady_clock::now();
  for (const auto& result : (*whatif)->CostAll(requests)) {
    if (!result.ok()) return Fail(result.status());
  }
  const double hypopg_seconds = Seconds(start);

  auto cached = verify::WhatIf::Create([&] { return (*cluster)->Connect("bench"); }, {connections, true});
  if (!cached.ok()) return Fail(cached.status());
  (*cached)->CostAll(requests);
  start = std::chrono::steady_clock::now();
  const int cache_rounds = 20;
  for (int round = 0; round < cache_rounds; ++round) (*cached)->CostAll(requests);
  const double cached_seconds = Seconds(start);

  // The naive peer: build each index for real, EXPLAIN, drop it (one session, as such advisors do).
  start = std::chrono::steady_clock::now();
  for (const auto& request : requests) {
    const std::string definition = request.configuration.added[0].NamedDefinition("bench_real_idx");
    if (Status built = connection->Execute(definition); !built.ok()) return Fail(built);
    auto explained = verify::Explain(*connection, request.sql);
    if (!explained.ok()) return Fail(explained.status());
    if (Status dropped = connection->Execute("DROP INDEX bench_real_idx"); !dropped.ok()) return Fail(dropped);
  }
  const double real_seconds = Seconds(start);

  const double n = static_cast<double>(requests.size());
  std::printf("what-if answers on a %lld-row table (%zu questions: %zu queries x %zu indexes)\n", rows, requests.size(),
              queries.size(), indexes.size());
  std::printf("%-44s %12s %12s\n", "method", "answers/s", "vs real");
  std::printf("%-44s %12.1f %12s\n", "real CREATE INDEX + EXPLAIN + DROP (peer)", n / real_seconds, "1.0x");
  std::printf("%-44s %12.1f %11.1fx\n", fmt::format("dbarch HypoPG, {} sessions, no cache", connections).c_str(),
              n / hypopg_seconds, real_seconds / hypopg_seconds);
  std::printf("%-44s %12.1f %11.1fx\n", "dbarch, repeated questions (cache hits)", n * cache_rounds / cached_seconds,
              real_seconds / (cached_seconds / cache_rounds));
  const auto counters = (*cached)->counters();
  std::printf("cache: %lld requests, %lld hits, %lld planner calls\n", counters.requests, counters.cache_hits,
              counters.planner_calls);
  return 0;
}
