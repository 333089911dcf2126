#include "analyzers/normalize/column_profile.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <regex>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace dbarch::analyzers::normalize {
namespace {

bool IsCanonicalInteger(const std::string& v) {
  size_t i = v[0] == '-' ? 1 : 0;
  if (i >= v.size()) return false;
  if (v[i] == '0' && v.size() > i + 1) return false;  // leading zeros would be lost
  return std::all_of(v.begin() + i, v.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool IsDigits(const std::string& v, size_t from, size_t n) {
  if (from + n > v.size()) return false;
  for (size_t i = from; i < from + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) return false;
  return true;
}

bool IsDate(const std::string& v) {
  return v.size() == 10 && IsDigits(v, 0, 4) && v[4] == '-' && IsDigits(v, 5, 2) && v[7] == '-' && IsDigits(v, 8, 2) &&
         std::stoi(v.substr(5, 2)) >= 1 && std::stoi(v.substr(5, 2)) <= 12 && std::stoi(v.substr(8, 2)) >= 1 &&
         std::stoi(v.substr(8, 2)) <= 31;
}

// Rank of each type: a column gets the widest rank among its values where they are compatible.
int Rank(const std::string& type) {
  static const std::vector<std::string> kOrder = {"integer", "bigint", "numeric"};
  auto it = std::find(kOrder.begin(), kOrder.end(), type);
  return it == kOrder.end() ? -1 : static_cast<int>(it - kOrder.begin());
}

std::string Unify(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (a == b) return a;
  int ra = Rank(a), rb = Rank(b);
  if (ra >= 0 && rb >= 0) return ra > rb ? a : b;
  return "text";
}

bool LessAs(const std::string& type, const std::string& x, const std::string& y) {
  if (Rank(type) >= 0) return std::strtod(x.c_str(), nullptr) < std::strtod(y.c_str(), nullptr);
  return x < y;
}

}  // namespace

std::string ValueType(const std::string& v) {
  if (v.empty()) return "text";
  if (IsCanonicalInteger(v)) {
    long long n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size()) return "numeric";
    return (n >= -2147483648LL && n <= 2147483647LL) ? "integer" : "bigint";
  }
  static const std::regex kNumeric(R"(-?(0|[1-9][0-9]*)\.[0-9]+)");
  static const std::regex kTimestamp(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?)");
  static const std::regex kTimestamptz(R"(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?))");
  static const std::regex kUuid(R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  if (std::regex_match(v, kNumeric)) return "numeric";
  if (v == "true" || v == "false") return "boolean";
  if (IsDate(v)) return "date";
  if (v.size() >= 19 && IsDate(v.substr(0, 10))) {
    if (std::regex_match(v, kTimestamp)) return "timestamp";
    if (std::regex_match(v, kTimestamptz)) return "timestamptz";
  }
  if (v.size() == 36 && std::regex_match(v, kUuid)) return "uuid";
  if ((v.front() == '{' && v.back() == '}') || (v.front() == '[' && v.back() == ']'))
    if (nlohmann::json::accept(v)) return "jsonb";
  return "text";
}

std::vector<ColumnProfile> ProfileColumns(const TableData& table) {
  std::vector<ColumnProfile> out;
  for (int c = 0; c < table.num_columns(); ++c) {
    ColumnProfile p;
    p.name = table.columns[c];
    std::unordered_set<std::string_view> distinct;
    std::string type;
    size_t total_length = 0;
    const std::string* min = nullptr;
    const std::string* max = nullptr;
    for (const auto& row : table.rows) {
      const std::string& v = row[c];
      if (table.IsNull(v)) {
        ++p.nulls;
        continue;
      }
      distinct.insert(v);
      total_length += v.size();
      p.max_length = std::max(p.max_length, v.size());
    }
    // Types are inferred once per distinct value.
    for (std::string_view v : distinct) {
      std::string value(v);
      std::string t = ValueType(value);
      type = Unify(type, t);
      if (t == "jsonb") ++p.json_documents;
      // A list: several items separated by ", " or ";" or "|" (not a number with a decimal comma).
      if (t == "text" && (value.find(", ") != std::string::npos || value.find(';') != std::string::npos ||
                          value.find('|') != std::string::npos))
        ++p.list_like;
    }
    if (type.empty()) type = "text";
    p.type = type;
    for (const auto& row : table.rows) {
      const std::string* s = &row[c];
      if (table.IsNull(*s)) continue;
      if (!min || LessAs(type, *s, *min)) min = s;
      if (!max || LessAs(type, *max, *s)) max = s;
    }
    p.distinct = static_cast<int>(distinct.size());
    if (min) p.min = *min;
    if (max) p.max = *max;
    int non_null = table.num_rows() - p.nulls;
    p.avg_length = non_null ? static_cast<double>(total_length) / non_null : 0;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace dbarch::analyzers::normalize
