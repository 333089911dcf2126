#include "analyzers/index_advisor/budget.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <map>

namespace dbarch::analyzers {

Result<IndexBudget> ParseIndexBudget(const std::string& text) {
  IndexBudget budget;
  if (text.empty()) return budget;
  size_t end = 0;
  double number = 0;
  try {
    number = std::stod(text, &end);
  } catch (const std::exception&) {
    return Status::InvalidInput(fmt::format("budget {}: expected a size (2GB, 500MB) or a share (0.25x, 25%)", text));
  }
  std::string unit = text.substr(end);
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!(number > 0) || !std::isfinite(number)) {
    return Status::InvalidInput(fmt::format("budget {}: must be positive", text));
  }
  if (unit == "x") {
    budget.fraction = number;
    return budget;
  }
  if (unit == "%") {
    budget.fraction = number / 100;
    return budget;
  }
  static const std::map<std::string, double> kUnits = {{"", 1},          {"b", 1},       {"kb", 1024.0},
                                                       {"mb", 1048576.0}, {"gb", 1073741824.0},
                                                       {"tb", 1099511627776.0}};
  auto it = kUnits.find(unit);
  if (it == kUnits.end()) {
    return Status::InvalidInput(
        fmt::format("budget {}: unknown unit \"{}\" (expected B, kB, MB, GB, TB, x or %)", text, text.substr(end)));
  }
  budget.bytes = static_cast<int64_t>(number * it->second);
  return budget;
}

}  // namespace dbarch::analyzers
