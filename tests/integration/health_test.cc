// `dbarch health` against real conditions: one scratch cluster (wal_level = replica, for a replication slot)
// where the suite creates a blocked query, idle transactions, an exhausted sequence, a serial column near
// overflow, an invalid and a duplicate index, an inactive slot, dead tuples and temporary files; then the
// snapshot is read once through a read-only session and every check must find its condition.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyzers/health.h"
#include "sources/live/health_snapshot.h"
#include "verify/scratch_cluster.h"

namespace dbarch {
namespace {

using sources::HealthSnapshot;

class HealthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    verify::ScratchClusterOptions options;
    options.settings["wal_level"] = "replica";
    auto started = verify::ScratchCluster::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    cluster_ = std::move(started).value().release();
    ASSERT_TRUE(cluster_->CreateDatabase("health").ok());
    admin_ = Connect();
    ASSERT_TRUE(admin_
                    ->Execute("CREATE TABLE locked (id int PRIMARY KEY, v int); INSERT INTO locked VALUES (1, 0);"
                              "CREATE SEQUENCE nearly_done AS int; SELECT setval('nearly_done', 2147483000);"
                              "CREATE TABLE orders (id serial PRIMARY KEY, note text);"
                              "SELECT setval('orders_id_seq', 2000000000);"
                              "CREATE INDEX orders_note_idx ON orders (note); CREATE INDEX orders_note_copy ON orders (note);"
                              "CREATE TABLE tags (name text); INSERT INTO tags VALUES ('a'), ('a');"
                              "CREATE TABLE churn (id int, pad text) WITH (autovacuum_enabled = off);"
                              "INSERT INTO churn SELECT g, repeat('x', 50) FROM generate_series(1, 20000) g;"
                              "SELECT pg_create_physical_replication_slot('forgotten', true);"
                              // Bloat: nine rows in ten deleted and vacuumed leave the pages behind; a compact
                              // twin shows the estimate does not invent bloat.
                              "CREATE TABLE bloated (id int, pad text); CREATE TABLE compact (id int, pad text);"
                              "INSERT INTO bloated SELECT g, repeat('x', 100) FROM generate_series(1, 30000) g;"
                              "INSERT INTO compact SELECT g, repeat('x', 100) FROM generate_series(1, 30000) g;"
                              "CREATE INDEX bloated_id_idx ON bloated (id); CREATE INDEX compact_id_idx ON compact (id);"
                              "DELETE FROM bloated WHERE id % 10 <> 0; ANALYZE compact;")
                    .ok());
    ASSERT_TRUE(admin_->Execute("VACUUM ANALYZE bloated").ok());  // not inside the implicit transaction above
    // A failed CREATE UNIQUE INDEX CONCURRENTLY (duplicate values) leaves the index behind, invalid.
    EXPECT_FALSE(admin_->Execute("CREATE UNIQUE INDEX CONCURRENTLY tags_name_key ON tags (name)").ok());
    // Dead rows and temporary files, reported to the statistics system when the session goes idle.
    auto worker = Connect();
    ASSERT_TRUE(worker->Execute("DELETE FROM churn WHERE id > 5000").ok());
    ASSERT_TRUE(worker
                    ->Execute("SET work_mem = '64kB'; SELECT count(*) FROM (SELECT g FROM generate_series(1, 200000) g "
                              "ORDER BY g DESC) s")
                    .ok());
    ASSERT_TRUE(worker->Execute("SELECT pg_stat_force_next_flush()").ok());
    delete worker;
    // Session A updates a row and stays in its transaction; session B wants the same row and waits.
    holder_ = Connect();
    ASSERT_TRUE(holder_->Execute("BEGIN; UPDATE locked SET v = 1 WHERE id = 1").ok());
    idle_ = Connect();
    ASSERT_TRUE(idle_->Execute("BEGIN; SELECT count(*) FROM orders").ok());
    waiter_ = Connect();
    ASSERT_EQ(PQsendQuery(waiter_->raw(), "UPDATE locked SET v = 2 WHERE id = 1"), 1);
    // Wait (without a fixed sleep) until the server shows each condition, so the test never races.
    WaitFor("SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
    WaitFor("SELECT n_dead_tup >= 15000 FROM pg_stat_user_tables WHERE relname = 'churn'");
    WaitFor("SELECT temp_files > 0 FROM pg_stat_database WHERE datname = current_database()");

    verify::ConnectOptions live;
    live.conninfo = cluster_->ConnInfo("health");
    auto reader = verify::PgConnection::Connect(live);  // read-only, with timeouts: what `dbarch health` uses
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto snapshot = sources::ReadHealthSnapshot(*reader);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    snapshot_ = new HealthSnapshot(std::move(snapshot).value());
  }

  static void TearDownTestSuite() {
    if (holder_ != nullptr) (void)holder_->Execute("ROLLBACK");
    if (waiter_ != nullptr) {
      while (PGresult* result = PQgetResult(waiter_->raw())) PQclear(result);
    }
    delete waiter_;
    delete holder_;
    delete idle_;
    delete admin_;
    delete snapshot_;
    if (cluster_ != nullptr) {
      EXPECT_TRUE(cluster_->Stop().ok());
    }
    delete cluster_;
  }

  static verify::PgConnection* Connect() {
    auto connection = cluster_->Connect("health");
    EXPECT_TRUE(connection.ok()) << connection.status().ToString();
    return new verify::PgConnection(std::move(connection).value());
  }

  static void WaitFor(const std::string& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      auto result = admin_->Query(condition);
      if (result.ok() && result->rows() == 1 && result->Get(0, 0) == "t") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "condition never became true: " << condition;
  }

  // The checks with thresholds lowered where the real ones would need hours or billions of transactions.
  static Findings Analyze() {
    analyzers::HealthThresholds limits;
    limits.blocked_query_seconds = 0;
    limits.idle_in_transaction_seconds = 0;
    limits.temp_bytes = 1;
    limits.xid_age_warning = 1;
    return analyzers::AnalyzeHealth(*snapshot_, limits);
  }

  static const Finding* Find(const Findings& findings, const std::string& rule, const std::string& object) {
    for (const Finding& f : findings) {
      if (f.rule_id == rule && f.object == object) return &f;
    }
    return nullptr;
  }

  static std::string Dump(const Findings& findings) {
    std::string out;
    for (const Finding& f : findings) out += f.rule_id + " " + f.object + ": " + f.message + "\n";
    return out;
  }

  static int Pid(verify::PgConnection* connection) { return PQbackendPID(connection->raw()); }

  static inline verify::ScratchCluster* cluster_ = nullptr;
  static inline verify::PgConnection* admin_ = nullptr;
  static inline verify::PgConnection* holder_ = nullptr;
  static inline verify::PgConnection* idle_ = nullptr;
  static inline verify::PgConnection* waiter_ = nullptr;
  static inline HealthSnapshot* snapshot_ = nullptr;
};

// One test for everything: CTest runs each test in its own process, and each process would start its own
// cluster and build the conditions again (the suite must stay well under 30 s on a busy machine).
TEST_F(HealthTest, EveryConditionOnTheClusterIsFound) {
  const Findings findings = Analyze();
  auto check = [](const char* what, const auto& body) {
    SCOPED_TRACE(what);
    body();
  };
  check("BlockedQueryIsTracedToTheSessionHoldingTheLock", [&] {
    const Finding* blocked = Find(findings, "health/blocked-queries", fmt::format("pid {}", Pid(waiter_)));
    ASSERT_NE(blocked, nullptr) << Dump(findings);
    EXPECT_NE(blocked->message.find(fmt::format("held by pid {}", Pid(holder_))), std::string::npos) << blocked->message;
    EXPECT_NE(blocked->fix_sql.find(fmt::format("pg_terminate_backend({})", Pid(holder_))), std::string::npos);
    bool names_lock = false;
    for (const std::string& fact : blocked->evidence) names_lock |= fact.find("ShareLock on transactionid") != std::string::npos;
    EXPECT_TRUE(names_lock) << blocked->evidence.front();
  });
  check("IdleTransactionsAreFoundAndTheBlockingOneIsAnError", [&] {
    const Finding* holder = Find(findings, "health/idle-in-transaction", fmt::format("pid {}", Pid(holder_)));
    ASSERT_NE(holder, nullptr) << Dump(findings);
    EXPECT_EQ(holder->severity, Severity::kError);
    const Finding* idle = Find(findings, "health/idle-in-transaction", fmt::format("pid {}", Pid(idle_)));
    ASSERT_NE(idle, nullptr) << Dump(findings);
    EXPECT_EQ(idle->severity, Severity::kWarning);
    EXPECT_NE(idle->fix_sql.find("idle_in_transaction_session_timeout"), std::string::npos);
    // The waiting session is active, not idle; dbarch's own session is not in the snapshot.
    EXPECT_EQ(Find(findings, "health/idle-in-transaction", fmt::format("pid {}", Pid(waiter_))), nullptr);
    for (const sources::HealthSession& session : snapshot_->sessions) EXPECT_NE(session.application, "dbarch");
  });
  check("SequenceNearItsEndAndSerialColumnNearOverflow", [&] {
    const Finding* sequence = Find(findings, "health/sequence-exhaustion", "public.nearly_done");
    ASSERT_NE(sequence, nullptr) << Dump(findings);
    EXPECT_EQ(sequence->severity, Severity::kError);
    EXPECT_EQ(sequence->fix_sql, "ALTER SEQUENCE public.nearly_done AS bigint;");
    const Finding* column = Find(findings, "health/integer-column-overflow", "public.orders.id");
    ASSERT_NE(column, nullptr) << Dump(findings);
    EXPECT_EQ(column->severity, Severity::kError);  // 2,000,000,000 of 2,147,483,647 = 93%
    EXPECT_NE(column->fix_sql.find("ALTER TABLE public.orders ALTER COLUMN id TYPE bigint"), std::string::npos);
    EXPECT_EQ(Find(findings, "health/integer-column-overflow", "public.locked.id"), nullptr);  // not sequence-fed
  });
  check("InvalidAndDuplicateIndexes", [&] {
    const Finding* invalid = Find(findings, "health/invalid-index", "public.tags_name_key");
    ASSERT_NE(invalid, nullptr) << Dump(findings);
    EXPECT_NE(invalid->fix_sql.find("DROP INDEX CONCURRENTLY public.tags_name_key;\nCREATE UNIQUE INDEX CONCURRENTLY "
                                    "tags_name_key ON public.tags"),
              std::string::npos)
        << invalid->fix_sql;
    const Finding* duplicate = Find(findings, "health/duplicate-index", "public.orders_note_idx");
    ASSERT_NE(duplicate, nullptr) << Dump(findings);  // the copy sorts first by name, so this one goes
    EXPECT_EQ(duplicate->fix_sql, "DROP INDEX CONCURRENTLY public.orders_note_idx;");
    EXPECT_EQ(Find(findings, "health/duplicate-index", "public.orders_note_copy"), nullptr);
    EXPECT_EQ(Find(findings, "health/duplicate-index", "public.orders_pkey"), nullptr);
  });
  check("InactiveReplicationSlotRetainingWal", [&] {
    const Finding* slot = Find(findings, "health/inactive-replication-slot", "forgotten");
    ASSERT_NE(slot, nullptr) << Dump(findings);
    EXPECT_EQ(slot->fix_sql, "SELECT pg_drop_replication_slot('forgotten');");
    EXPECT_EQ(slot->severity, Severity::kWarning);  // far below the 1 GB of WAL that makes it an error
  });
  check("DeadTuplesWithAutovacuumOff", [&] {
    const Finding* dead = Find(findings, "health/dead-tuples", "public.churn");
    ASSERT_NE(dead, nullptr) << Dump(findings);
    EXPECT_NE(dead->fix_sql.find("VACUUM (VERBOSE, ANALYZE) public.churn;"), std::string::npos);
    EXPECT_NE(dead->fix_sql.find("RESET (autovacuum_enabled)"), std::string::npos);
    EXPECT_EQ(Find(findings, "health/dead-tuples", "public.locked"), nullptr);
  });
  check("TemporaryFilesFromASortOverWorkMem", [&] {
    ASSERT_TRUE(snapshot_->database_stats.has_value());
    EXPECT_GT(snapshot_->database_stats->temp_bytes, 0);
    ASSERT_NE(Find(findings, "health/temp-files", "health"), nullptr) << Dump(findings);
    EXPECT_EQ(Find(analyzers::AnalyzeHealth(*snapshot_), "health/temp-files", "health"), nullptr);  // default: 1 GB
  });
  check("TableAndIndexBloatEstimates", [&] {
    analyzers::HealthThresholds limits;
    limits.table_bloat_min_bytes = 1 << 20;
    limits.index_bloat_min_bytes = 256 << 10;
    const Findings bloat = analyzers::AnalyzeHealth(*snapshot_, limits);
    ASSERT_NE(Find(bloat, "health/table-bloat", "public.bloated"), nullptr) << Dump(bloat);
    ASSERT_NE(Find(bloat, "health/index-bloat", "public.bloated_id_idx"), nullptr) << Dump(bloat);
    EXPECT_EQ(Find(bloat, "health/table-bloat", "public.compact"), nullptr);
    EXPECT_EQ(Find(bloat, "health/index-bloat", "public.compact_id_idx"), nullptr);
    for (const sources::HealthTable& table : snapshot_->tables) {
      if (table.name == "bloated") {
        EXPECT_GT(table.estimated_bloat_bytes, table.table_bytes * 0.8);
      }
      if (table.name == "compact") {
        EXPECT_LT(table.estimated_bloat_bytes, table.table_bytes * 0.2);
      }
    }
    for (const sources::HealthIndex& index : snapshot_->indexes) {
      if (index.name == "bloated_id_idx") {
        EXPECT_GT(index.estimated_bloat_bytes, index.bytes * 0.7);
      }
      if (index.name == "compact_id_idx") {
        EXPECT_LT(index.estimated_bloat_bytes, index.bytes * 0.2);
      }
    }
  });
  check("TransactionAgeWithALoweredThreshold", [&] {
    const Finding* database = Find(findings, "health/xid-wraparound", "health");
    ASSERT_NE(database, nullptr) << Dump(findings);
    EXPECT_NE(database->fix_sql.find("VACUUM (FREEZE, VERBOSE);"), std::string::npos);
    EXPECT_EQ(Find(analyzers::AnalyzeHealth(*snapshot_), "health/xid-wraparound", "health"), nullptr);
  });
  check("UnreadableViewBecomesANoteAndTheRestIsRead", [&] {
    ASSERT_TRUE(admin_->Execute("CREATE ROLE monitor LOGIN; REVOKE SELECT ON pg_catalog.pg_stat_bgwriter FROM PUBLIC").ok());
    verify::ConnectOptions live;
    live.conninfo = cluster_->ConnInfo("health") + " user=monitor";
    auto reader = verify::PgConnection::Connect(live);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto snapshot = sources::ReadHealthSnapshot(*reader);
    ASSERT_TRUE(admin_->Execute("GRANT SELECT ON pg_catalog.pg_stat_bgwriter TO PUBLIC").ok());
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    EXPECT_FALSE(snapshot->checkpoints.has_value());
    ASSERT_EQ(snapshot->notes.size(), 1u);
    EXPECT_NE(snapshot->notes[0].find("checkpoint counters could not be read: permission denied for view pg_stat_bgwriter"), std::string::npos)
        << snapshot->notes[0];
    EXPECT_FALSE(snapshot->tables.empty());
    EXPECT_FALSE(snapshot->sequences.empty());
  });
  check("CommandFindsTheConditionsSavesTheSnapshotAndFails", [&] {
    const std::string dir = ::testing::TempDir();
    const std::string saved = dir + "/health-snapshot.json";
    const std::string command = fmt::format(
        "{} --quiet health --db \"{}\" --format json --save-snapshot {} --threshold idle-in-transaction-seconds=0",
        DBARCH_BINARY, cluster_->ConnInfo("health"), saved);
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) output.append(buffer, n);
    const int status = pclose(pipe);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1) << output.substr(0, 2000);  // errors found, --fail-on warning by default
    const nlohmann::json report = nlohmann::json::parse(output);
    std::set<std::string> rules;
    for (const auto& finding : report["findings"]) rules.insert(finding["rule"].get<std::string>());
    for (const char* rule : {"health/idle-in-transaction", "health/sequence-exhaustion", "health/invalid-index",
                             "health/duplicate-index", "health/inactive-replication-slot", "health/dead-tuples"}) {
      EXPECT_TRUE(rules.contains(rule)) << rule << "\n" << output.substr(0, 2000);
    }
    // The saved snapshot reads back and gives the same findings offline.
    std::ifstream in(saved);
    std::stringstream text;
    text << in.rdbuf();
    auto reloaded = sources::HealthSnapshotFromJson(text.str(), saved);
    ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
    EXPECT_EQ(sources::ToJson(*reloaded), nlohmann::json::parse(text.str()));
    EXPECT_EQ(reloaded->database, "health");
  });
}

}  // namespace
}  // namespace dbarch
