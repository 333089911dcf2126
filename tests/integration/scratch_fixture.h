// One scratch cluster per test process, started on first use and stopped at exit; each test gets a fresh
// database in it. CTest runs every test in its own process, so tests never share state.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "verify/scratch_cluster.h"

namespace dbarch::testing {

class ScratchTest : public ::testing::Test {
 protected:
  static verify::ScratchCluster& Cluster() {
    static std::unique_ptr<verify::ScratchCluster> cluster = [] {
      auto started = verify::ScratchCluster::Start();
      if (!started.ok()) {
        ADD_FAILURE() << "scratch cluster: " << started.status().ToString();
        std::abort();
      }
      return std::move(started).value();
    }();
    return *cluster;
  }

  // A new empty database (pg_stat_statements and hypopg installed) and a read-write connection to it.
  verify::PgConnection FreshDatabase() {
    static std::atomic<int> counter{0};
    const std::string name = "test_" + std::to_string(++counter);
    auto created = Cluster().CreateDatabase(name);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    database_ = name;
    auto connection = Cluster().Connect(name);
    EXPECT_TRUE(connection.ok()) << connection.status().ToString();
    return std::move(connection).value();
  }

  std::string database_;
};

}  // namespace dbarch::testing
