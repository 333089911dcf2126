#include "model/server_settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

namespace dbarch::model {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') s = s.substr(1, s.size() - 2);
  return s;
}

// Splits "512 MB" into 512 and "MB"; nullopt when there is no leading number.
std::optional<std::pair<double, std::string_view>> SplitNumber(std::string_view text) {
  text = Trim(text);
  double number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || !std::isfinite(number)) return std::nullopt;
  std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  return std::make_pair(number, unit);
}

std::optional<double> MemoryUnitKb(std::string_view unit) {
  static const std::pair<std::string_view, double> kUnits[] = {
      {"B", 1.0 / 1024}, {"kB", 1}, {"8kB", 8}, {"16kB", 16}, {"MB", 1024}, {"16MB", 16 * 1024},
      {"GB", 1024.0 * 1024}, {"TB", 1024.0 * 1024 * 1024}};
  for (const auto& [name, kb] : kUnits) {
    if (unit == name) return kb;
  }
  return std::nullopt;
}

std::optional<double> TimeUnitMs(std::string_view unit) {
  static const std::pair<std::string_view, double> kUnits[] = {
      {"us", 0.001}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  for (const auto& [name, ms] : kUnits) {
    if (unit == name) return ms;
  }
  return std::nullopt;
}

bool IsMemoryUnit(std::string_view unit) { return !unit.empty() && MemoryUnitKb(unit).has_value(); }
bool IsTimeUnit(std::string_view unit) { return !unit.empty() && TimeUnitMs(unit).has_value(); }

std::string Lower(std::string_view s) {
  std::string out(Trim(s));
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// PostgreSQL's boolean spellings.
std::optional<bool> ParseBool(std::string_view value) {
  std::string v = Lower(value);
  if (v == "on" || v == "true" || v == "yes" || v == "1") return true;
  if (v == "off" || v == "false" || v == "no" || v == "0") return false;
  return std::nullopt;
}

}  // namespace

const ServerSetting* FindSetting(const std::vector<ServerSetting>& settings, std::string_view name) {
  auto it = std::find_if(settings.begin(), settings.end(), [&](const ServerSetting& s) { return s.name == name; });
  return it == settings.end() ? nullptr : &*it;
}

std::optional<int64_t> ParseMemoryKb(std::string_view value, std::string_view default_unit) {
  auto split = SplitNumber(value);
  if (!split) return std::nullopt;
  auto unit = MemoryUnitKb(split->second.empty() ? default_unit : split->second);
  if (!unit) return std::nullopt;
  return static_cast<int64_t>(std::llround(split->first * *unit));
}

std::string FormatMemoryKb(int64_t kb) {
  if (kb < 0) return std::to_string(kb);  // -1: "use the default rule"
  for (auto [unit, size] : {std::pair{"TB", int64_t{1} << 30}, {"GB", int64_t{1} << 20}, {"MB", int64_t{1} << 10}}) {
    if (kb >= size && kb % size == 0) return fmt::format("{}{}", kb / size, unit);
  }
  return fmt::format("{}kB", kb);
}

std::optional<double> ParseDurationMs(std::string_view value, std::string_view default_unit) {
  auto split = SplitNumber(value);
  if (!split) return std::nullopt;
  auto unit = TimeUnitMs(split->second.empty() ? default_unit : split->second);
  if (!unit) return std::nullopt;
  return split->first * *unit;
}

std::string FormatDurationMs(double ms) {
  if (ms <= 0) return fmt::format("{:g}", ms);  // 0 = disabled, -1 = use another setting
  for (auto [unit, size] : {std::pair{"d", 86400000.0}, {"h", 3600000.0}, {"min", 60000.0}, {"s", 1000.0}}) {
    if (ms >= size && std::fmod(ms, size) == 0) return fmt::format("{:g}{}", ms / size, unit);
  }
  return fmt::format("{:g}ms", ms);
}

std::string DisplayValue(const ServerSetting& setting) {
  if (IsMemoryUnit(setting.unit)) {
    auto kb = ParseMemoryKb(setting.setting, setting.unit);
    if (kb && *kb >= 0) return FormatMemoryKb(*kb);
  }
  if (IsTimeUnit(setting.unit)) {
    auto ms = ParseDurationMs(setting.setting, setting.unit);
    if (ms && *ms > 0) return FormatDurationMs(*ms);
  }
  return setting.setting;
}

bool SameSettingValue(const ServerSetting& setting, std::string_view value) {
  if (IsMemoryUnit(setting.unit)) {
    auto current = ParseMemoryKb(setting.setting, setting.unit);
    auto wanted = ParseMemoryKb(value, setting.unit);
    if (current && wanted) return *current == *wanted;
  }
  if (IsTimeUnit(setting.unit)) {
    auto current = ParseDurationMs(setting.setting, setting.unit);
    auto wanted = ParseDurationMs(value, setting.unit);
    if (current && wanted) return std::abs(*current - *wanted) < 1e-9;
  }
  auto current_bool = ParseBool(setting.setting);
  auto wanted_bool = ParseBool(value);
  if (current_bool && wanted_bool) return *current_bool == *wanted_bool;
  double current_number = 0, wanted_number = 0;
  std::string c = Lower(setting.setting), w = Lower(value);
  auto parsed_c = std::from_chars(c.data(), c.data() + c.size(), current_number);
  auto parsed_w = std::from_chars(w.data(), w.data() + w.size(), wanted_number);
  if (parsed_c.ec == std::errc() && parsed_c.ptr == c.data() + c.size() && parsed_w.ec == std::errc() &&
      parsed_w.ptr == w.data() + w.size()) {
    return std::abs(current_number - wanted_number) < 1e-9;
  }
  return c == w;
}

}  // namespace dbarch::model
