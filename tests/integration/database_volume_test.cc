// `dbarch backup --db`: the database size and the WAL rate read from a live server. On a fresh cluster
// pg_stat_wal covers less than an hour, so the rate is sampled from pg_current_wal_lsn while rows are written.
#include <atomic>
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

}  // namespace
}  // namespace dbarch
