// The health snapshot's saved form (every field written and read back, strict reading) and --threshold parsing.
// The checks themselves are covered by tests/cases/health/ and, on a real server, tests/integration/health_test.cc.
#include <gtest/gtest.h>

#include <set>

#include "analyzers/health.h"
#include "sources/live/health_snapshot.h"

namespace dbarch {
namespace {

sources::HealthSnapshot FullSnapshot() {
  sources::HealthSnapshot s;
  s.server_version = 150020;
  s.database = "shop";
  s.captured_at = "2026-11-28 05:00:00+00";
  s.max_connections = 100;
  s.reserved_connections = 3;
  s.connections = 7;
  sources::HealthSession session;
  session.pid = 42;
  session.state = "idle in transaction";
  session.query = "UPDATE t SET \"x\" = 'é' WHERE id = 1";
  session.transaction_seconds = 12.5;
  session.blocked_by = {7, 9};
  s.sessions.push_back(session);
  s.database_ages.push_back({"shop", 123, 4});
  sources::HealthTable table;
  table.name = "orders";
  table.seconds_since_vacuum = 60;
  table.autovacuum_enabled = false;
  table.estimated_bloat_bytes = 1 << 20;
  s.tables.push_back(table);
  sources::HealthIndex index;
  index.name = "orders_pkey";
  index.valid = false;
  index.signature = "public.orders btree 1";
  s.indexes.push_back(index);
  s.sequences.push_back({"public", "s", "integer", 2147483000, 2147483647, 1, 1});
  s.sequences.push_back({"public", "unused", "bigint", std::nullopt, 9223372036854775807LL, 1, 1});
  s.sequence_columns.push_back({"public", "orders", "id", "integer", "public.orders_id_seq", 5, 2147483647});
  s.replicas.push_back({11, "replica", "10.0.0.1", "streaming", 4096, std::nullopt});
  s.replication_slots.push_back({"x", "physical", "", false, 1 << 30});
  s.database_stats = sources::HealthDatabaseStats{1, 2, 3, 4, 5, std::nullopt};
  s.checkpoints = sources::HealthCheckpoints{6, 7, "2026-11-01"};
  s.notes = {"a note"};
  return s;
}

TEST(HealthSnapshotJson, EveryFieldRoundTrips) {
  const nlohmann::json saved = sources::ToJson(FullSnapshot());
  auto read = sources::HealthSnapshotFromJson(saved.dump(2), "snap.json");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(sources::ToJson(*read), saved);
  EXPECT_EQ(read->sessions[0].blocked_by, (std::vector<int>{7, 9}));
  EXPECT_FALSE(read->sequences[1].last_value.has_value());
  EXPECT_FALSE(read->tables[0].autovacuum_enabled);
  EXPECT_EQ(read->checkpoints->stats_reset, "2026-11-01");
}

TEST(HealthSnapshotJson, MissingFieldsTakeTheirDefaults) {
  auto read = sources::HealthSnapshotFromJson(R"({"database": "shop", "tables": [{"name": "t"}]})", "snap.json");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(read->tables[0].autovacuum_enabled);
  EXPECT_FALSE(read->database_stats.has_value());
}

TEST(HealthSnapshotJson, ErrorsNameThePlace) {
  auto syntax = sources::HealthSnapshotFromJson("{\n  \"database\": \"shop\",\n  \"tables\": [\n}", "snap.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().code(), Status::Code::kInvalidInput);
  EXPECT_EQ(syntax.status().location()->line, 4);
  EXPECT_EQ(syntax.status().location()->column, 1);
  auto type = sources::HealthSnapshotFromJson(R"({"sessions": [{"pid": 1}, {"pid": "2"}]})", "snap.json");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.status().message(), "health snapshot: sessions[1].pid must be an integer");
  auto unknown = sources::HealthSnapshotFromJson(R"({"replication_slots": [{"name": "x", "activ": true}]})", "snap.json");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "health snapshot: unknown field replication_slots[0].activ");
  auto not_object = sources::HealthSnapshotFromJson("[1, 2]", "snap.json");
  ASSERT_FALSE(not_object.ok());
  EXPECT_EQ(not_object.status().message(), "health snapshot: the document must be an object");
  auto overflow = sources::HealthSnapshotFromJson("{\"connections\": 1E400}", "snap.json");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().location()->column, 17);
}

TEST(HealthThresholds, NamesNumbersAndSizes) {
  analyzers::HealthThresholds limits;
  EXPECT_TRUE(analyzers::SetHealthThreshold(&limits, "idle-in-transaction-seconds=30").ok());
  EXPECT_EQ(limits.idle_in_transaction_seconds, 30);
  EXPECT_TRUE(analyzers::SetHealthThreshold(&limits, "temp-bytes=1.5GB").ok());
  EXPECT_EQ(limits.temp_bytes, 1.5 * 1024 * 1024 * 1024);
  EXPECT_TRUE(analyzers::SetHealthThreshold(&limits, "unused-index-min-bytes=512kB").ok());
  EXPECT_EQ(limits.unused_index_min_bytes, 512 * 1024);
  EXPECT_FALSE(analyzers::SetHealthThreshold(&limits, "temp-bytes=lots").ok());
  EXPECT_FALSE(analyzers::SetHealthThreshold(&limits, "temp-bytes=-1").ok());
  EXPECT_FALSE(analyzers::SetHealthThreshold(&limits, "temp-bytes").ok());
  EXPECT_FALSE(analyzers::SetHealthThreshold(&limits, "temp-bytes=5XB").ok());
  EXPECT_FALSE(analyzers::SetHealthThreshold(&limits, "no-such=1").ok());
  // Every field has a name, and every name is a distinct field.
  std::set<std::string_view> names;
  std::set<const double*> fields;  // member pointers have no order; the addresses they give in one object do
  const analyzers::HealthThresholds object;
  for (const auto& info : analyzers::HealthThresholdInfos()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_TRUE(fields.insert(&(object.*info.field)).second) << info.name;
  }
  EXPECT_EQ(sizeof(analyzers::HealthThresholds), fields.size() * sizeof(double));
}

TEST(HealthChecks, IdsAreStableKebabCaseAndUnique) {
  std::set<std::string_view> ids;
  for (const auto& check : analyzers::HealthChecks()) {
    EXPECT_TRUE(check.id.starts_with("health/")) << check.id;
    EXPECT_EQ(check.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz-/"), std::string_view::npos) << check.id;
    EXPECT_TRUE(ids.insert(check.id).second) << check.id;
  }
  EXPECT_EQ(ids.size(), 21u);
}

}  // namespace
}  // namespace dbarch
