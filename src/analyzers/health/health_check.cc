#include "analyzers/health/health_check.h"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "common/text.h"

namespace dbarch::analyzers::health {

Finding HealthCheck::NewFinding(Severity severity, std::string object, std::string message) const {
  Finding f;
  f.rule_id = std::string(id);
  f.severity = severity;
  f.object = std::move(object);
  f.message = std::move(message);
  return f;
}

std::string Bytes(double bytes) {
  static constexpr const char* kUnits[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
  int unit = 0;
  while (std::fabs(bytes) >= 1024 && unit < 5) {
    bytes /= 1024;
    ++unit;
  }
  if (unit == 0) return fmt::format("{:.0f} bytes", bytes);
  return bytes >= 100 ? fmt::format("{:.0f} {}", bytes, kUnits[unit]) : fmt::format("{:.1f} {}", bytes, kUnits[unit]);
}

std::string Count(double n) {
  std::string digits = fmt::format("{:.0f}", std::fabs(n));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string Percent(double ratio) {
  const double percent = ratio * 100;
  if (percent >= 99.995 && percent < 100) return fmt::format("{:.3f}%", std::floor(percent * 1000) / 1000);
  return fmt::format("{:.2f}%", percent);
}

std::string Duration(double seconds) {
  if (seconds < 120) return fmt::format("{:.0f} s", seconds);
  if (seconds < 7200) return fmt::format("{:.0f} min", seconds / 60);
  if (seconds < 172800) return fmt::format("{:.1f} h", seconds / 3600);
  return fmt::format("{:.1f} days", seconds / 86400);
}

namespace {

bool NeedsQuotes(std::string_view name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) return true;
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '$')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string Identifier(std::string_view name) {
  if (!NeedsQuotes(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Qualified(std::string_view schema, std::string_view name) {
  return Identifier(schema) + "." + Identifier(name);
}

std::string Literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Shorten(std::string_view query, size_t max) { return Ellipsize(CollapseWhitespace(query), max); }

}  // namespace dbarch::analyzers::health
