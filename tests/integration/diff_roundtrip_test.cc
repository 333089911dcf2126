// Every data-driven diff case (tests/cases/diff/<case>/ with from.sql and to.sql) round-tripped on the
// scratch cluster: from.sql loaded with synthetic rows, the plan's up steps → the catalog equals to.sql's,
// down → equals from.sql's, up again → equals to.sql's, and row counts of shared tables never change. The
// case's `cmd` supplies --allow-rename; data loss is always allowed here so the whole plan runs. Also the
// bundled shop example: its first migrations against all of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/replay_ddl.h"
#include "analyzers/diff/diff_planner.h"
#include "analyzers/diff/schema_diff.h"
#include "scratch_fixture.h"
#include "sources/ddl_loader.h"
#include "sources/project_loader.h"
#include "sql/parser.h"
#include "verify/diff_roundtrip.h"

namespace dbarch::verify {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(DBARCH_TEST_DATA_DIR) / "cases" / "diff";

model::Catalog Load(const std::vector<std::string>& paths) {
  sources::LoadOptions options;
  options.schema_paths = paths;
  auto project = sources::LoadProject(options);
  EXPECT_TRUE(project.ok()) << project.status().ToString();
  return project.ok() ? std::move(project->catalog) : model::Catalog{};
}

std::vector<std::string> RenamesOf(const fs::path& cmd_file) {
  std::ifstream in(cmd_file);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::vector<std::string> renames;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "--allow-rename") renames.push_back(words[i + 1]);
  }
  return renames;
}

class DiffRoundTripTest : public testing::ScratchTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void RoundTrip(const model::Catalog& from, const model::Catalog& to, const std::vector<std::string>& rename_specs) {
    analyzers::diff::DiffOptions options;
    for (const auto& spec : rename_specs) {
      auto r = analyzers::diff::ParseRename(spec, from);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      options.renames.push_back(*r);
    }
    auto diff = analyzers::diff::DiffCatalogs(from, to, options);
    ASSERT_TRUE(diff.ok()) << diff.status().ToString();
    auto plan = analyzers::diff::PlanDiff(*diff, to, {.allow_data_loss = true});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_FALSE(plan->plan.steps.empty());
    auto result = VerifyDiffRoundTrip(Cluster(), from, to, *plan, {.rows_per_table = 20});
    ASSERT_TRUE(result.ok()) << result.status().ToString() << "\n" << analyzers::diff::PlanUpSql(*plan);
    ASSERT_EQ(result->stages.size(), 3u);
    for (const auto& stage : result->stages) {
      std::string all;
      for (const auto& d : stage.differences) all += "  " + d + "\n";
      EXPECT_TRUE(stage.ok()) << stage.name << ":\n" << all << analyzers::diff::PlanUpSql(*plan);
    }
    // Every step's claimed lock is at least what PostgreSQL took while it ran.
    EXPECT_FALSE(result->locks.empty());
    for (const auto& lock : result->locks) EXPECT_TRUE(lock.ok()) << lock.ToString();
  }
};

model::Catalog Replay(const std::string& ddl) { return test_support::ReplayDdl(ddl); }

// The lock measurement itself: a plan with a transactional step (CHECK … NOT VALID: ACCESS EXCLUSIVE) and one
// that cannot run in a transaction (CREATE INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE) matches as planned;
// the same plan with those claims weakened fails on exactly those steps; a claim made stronger is only a note.
class StepLockTest : public testing::ScratchTest {
 protected:
  void SetUp() override {
    const std::string table = "CREATE TABLE orders (id bigint PRIMARY KEY, total integer, note text);\n";
    from_ = Replay(table);
    to_ = Replay(table + "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0);\n"
                         "CREATE INDEX orders_note_idx ON orders (note);\n");
    auto diff = analyzers::diff::DiffCatalogs(from_, to_);
    ASSERT_TRUE(diff.ok()) << diff.status().ToString();
    auto plan = analyzers::diff::PlanDiff(*diff, to_);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    plan_ = std::move(*plan);
    for (auto& step : plan_.plan.steps) {
      if (step.title.rfind("Build index", 0) == 0) index_step_ = &step;
      if (step.title.rfind("Add check", 0) == 0) check_step_ = &step;
    }
    ASSERT_NE(index_step_, nullptr) << analyzers::diff::PlanUpSql(plan_);
    ASSERT_NE(check_step_, nullptr) << analyzers::diff::PlanUpSql(plan_);
    ASSERT_TRUE(index_step_->outside_transaction);
    ASSERT_FALSE(check_step_->outside_transaction);
  }

  const StepLockCheck& CheckOf(const DiffRoundTripResult& result, const analyzers::MigrationStep* step) {
    for (const auto& l : result.locks) {
      if (l.step == step->number) return l;
    }
    ADD_FAILURE() << "no lock check for step " << step->number;
    static StepLockCheck none;
    return none;
  }

  model::Catalog from_, to_;
  analyzers::diff::DiffPlan plan_;
  analyzers::MigrationStep* index_step_ = nullptr;
  analyzers::MigrationStep* check_step_ = nullptr;
};

TEST_F(StepLockTest, ClaimsMatchWhatPostgresTakes) {
  EXPECT_EQ(index_step_->lock_level, "SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(check_step_->lock_level, "ACCESS EXCLUSIVE");
  auto result = VerifyDiffRoundTrip(Cluster(), from_, to_, plan_, {.rows_per_table = 20});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->ok());
  ASSERT_EQ(result->locks.size(), plan_.plan.steps.size());
  for (const auto* step : {index_step_, check_step_}) {
    const auto& check = CheckOf(*result, step);
    EXPECT_EQ(check.verdict, StepLockCheck::Verdict::kMatches) << check.ToString();
    EXPECT_EQ(check.observed, step->lock_level) << check.ToString();
  }
  EXPECT_NE(CheckOf(*result, index_step_).method.find("the step waited"), std::string::npos)
      << CheckOf(*result, index_step_).method;
}

TEST_F(StepLockTest, WeakerClaimFailsTheRoundTrip) {
  index_step_->lock_level = "ROW EXCLUSIVE";
  check_step_->lock_level = "SHARE UPDATE EXCLUSIVE";
  auto result = VerifyDiffRoundTrip(Cluster(), from_, to_, plan_, {.rows_per_table = 20});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->ok());
  for (const auto* step : {index_step_, check_step_}) {
    const auto& check = CheckOf(*result, step);
    EXPECT_EQ(check.verdict, StepLockCheck::Verdict::kClaimTooWeak) << check.ToString();
    EXPECT_FALSE(check.ok());
  }
  for (const auto& stage : result->stages) EXPECT_TRUE(stage.ok()) << stage.name;
}

TEST_F(StepLockTest, StrongerClaimIsANote) {
  index_step_->lock_level = "ACCESS EXCLUSIVE";
  auto result = VerifyDiffRoundTrip(Cluster(), from_, to_, plan_, {.rows_per_table = 20});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->ok());
  const auto& check = CheckOf(*result, index_step_);
  EXPECT_EQ(check.verdict, StepLockCheck::Verdict::kClaimTooStrong) << check.ToString();
  EXPECT_EQ(check.observed, "SHARE UPDATE EXCLUSIVE");
}

TEST_P(DiffRoundTripTest, UpDownUp) {
  const fs::path dir = kCases / GetParam();
  RoundTrip(Load({(dir / "from.sql").string()}), Load({(dir / "to.sql").string()}), RenamesOf(dir / "cmd"));
}

// Two versions of the bundled shop: after V6 and after V9 (an enum replacing a text status, hardening
// constraints, refunds).
TEST_F(DiffRoundTripTest, ShopExampleV6ToV9) {
  const fs::path migrations = fs::path(DBARCH_TEST_DATA_DIR).parent_path() / "examples" / "shop" / "migrations";
  std::vector<std::string> first, all;
  for (int v = 1; v <= 9; ++v) {
    for (const auto& entry : fs::directory_iterator(migrations)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("V" + std::to_string(v) + "__", 0) != 0) continue;
      if (v <= 6) first.push_back(entry.path().string());
      all.push_back(entry.path().string());
    }
  }
  ASSERT_EQ(all.size(), 9u);
  RoundTrip(Load(first), Load(all), {"products.description=description_md"});
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (fs::exists(entry.path() / "from.sql") && fs::exists(entry.path() / "to.sql")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Cases, DiffRoundTripTest, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dbarch::verify
