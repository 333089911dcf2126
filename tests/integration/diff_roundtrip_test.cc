// Every data-driven diff case (tests/cases/diff/<case>/ with from.sql and to.sql) round-tripped on the
// scratch cluster: from.sql loaded with synthetic rows, the plan's up steps → the catalog equals to.sql's,
// down → equals from.sql's, up again → equals to.sql's, and row counts of shared tables never change. The
// case's `cmd` supplies --allow-rename; data loss is always allowed here so the whole plan runs. Also the
// bundled shop example: its first migrations against all of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzers/diff/diff_planner.h"
#include "analyzers/diff/schema_diff.h"
#include "scratch_fixture.h"
#include "sources/project_loader.h"
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
  }
};

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
