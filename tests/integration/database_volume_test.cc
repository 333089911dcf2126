// `dbarch backup --db`: the database size and the WAL rate read from a live server. On a fresh cluster
// pg_stat_wal covers less than an hour, so the rate is sampled from pg_current_wal_lsn while rows are written.
#include <atomic>
#include <cstdio>
#include <thread>

#include "scratch_fixture.h"
#include "sources/live/database_volume.h"

namespace dbarch {
namespace {

class DatabaseVolumeTest : public testing::ScratchTest {};

TEST_F(DatabaseVolumeTest, SizeAndSampledWalRateOfALiveDatabase) {
  verify::PgConnection db = FreshDatabase();
  ASSERT_TRUE(db.Execute("CREATE TABLE t (id bigserial PRIMARY KEY, v text)").ok());
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    auto w = Cluster().Connect(database_);
    ASSERT_TRUE(w.ok());
    // Writes until the sample is over, so the sampled window always holds some.
    while (!stop) ASSERT_TRUE(w->Execute("INSERT INTO t (v) SELECT md5(g::text) FROM generate_series(1, 500) g").ok());
  });
  auto volume = sources::ReadDatabaseVolume(db, 1);
  stop = true;
  writer.join();
  ASSERT_TRUE(volume.ok()) << volume.status().ToString();
  EXPECT_EQ(volume->database, database_);
  EXPECT_GT(volume->size_bytes, 1 << 20);
  EXPECT_GT(volume->wal_bytes_per_day, 0);
  EXPECT_EQ(volume->server_major_version, Cluster().binaries().major_version);
  EXPECT_NE(volume->how.find("sampled"), std::string::npos) << volume->how;
}

// The command line end to end: `dbarch backup --db` plans from the measured size and rate.
TEST_F(DatabaseVolumeTest, BackupCommandPlansFromTheLiveDatabase) {
  verify::PgConnection db = FreshDatabase();
  ASSERT_TRUE(db.Execute("CREATE TABLE t AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 20000) g").ok());
  const std::string command = std::string(DBARCH_BINARY) + " -q backup --wal-sample 1 --cores 2 --db \"" +
                              Cluster().ConnInfo(database_) + "\" 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << output;
  EXPECT_NE(output.find("database (measured on the live database)"), std::string::npos) << output;
  // An idle server may write no WAL during the sample: a measured 0 stays 0, not an assumption.
  EXPECT_NE(output.find("of WAL a day (measured on the live database)"), std::string::npos) << output;
  EXPECT_NE(output.find("WAL rate sampled from pg_current_wal_lsn"), std::string::npos) << output;
}

}  // namespace
}  // namespace dbarch
