#include "analyzers/backup/backup_targets.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

namespace dbarch::analyzers::backup {
namespace {

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Splits "15min" into 15 and "min"; false when there is no number in front.
bool SplitNumber(const std::string& text, double* number, std::string* unit) {
  size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
  if (end == 0) return false;
  std::string digits = text.substr(0, end);
  if (digits.find('.') != digits.rfind('.')) return false;
  char* parse_end = nullptr;
  *number = std::strtod(digits.c_str(), &parse_end);
  if (parse_end != digits.c_str() + digits.size() || !std::isfinite(*number)) return false;
  *unit = text.substr(end);
  return true;
}

Status Bad(std::string_view flag, std::string_view text, std::string_view expected) {
  return Status::InvalidInput(fmt::format("{} {}: expected {}", flag, text.empty() ? "''" : text, expected));
}

}  // namespace

Result<int64_t> ParseDuration(std::string_view text, std::string_view flag) {
  const char* expected = "a duration such as 0, 30s, 1min, 15min, 1h or 2d";
  std::string t = Lower(text);
  double n = 0;
  std::string unit;
  if (!SplitNumber(t, &n, &unit)) return Bad(flag, text, expected);
  double factor = 0;
  if (unit.empty() && n == 0) factor = 1;
  else if (unit == "s" || unit == "sec" || unit == "second" || unit == "seconds") factor = 1;
  else if (unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes" || unit == "m") factor = 60;
  else if (unit == "h" || unit == "hour" || unit == "hours") factor = 3600;
  else if (unit == "d" || unit == "day" || unit == "days") factor = 86400;
  else return Bad(flag, text, expected);
  double seconds = n * factor;
  if (seconds > 366.0 * 86400) return Bad(flag, text, "a duration of at most a year");
  return static_cast<int64_t>(std::llround(seconds));
}

Result<int64_t> ParseBytes(std::string_view text, std::string_view flag) {
  const char* expected = "a size such as 800MB, 50GB or 2TB";
  std::string t = Lower(text);
  double n = 0;
  std::string unit;
  if (!SplitNumber(t, &n, &unit)) return Bad(flag, text, expected);
  double factor = 0;
  if (unit.empty() || unit == "b") factor = 1;
  else if (unit == "kb" || unit == "k") factor = 1024.0;
  else if (unit == "mb" || unit == "m") factor = 1024.0 * 1024;
  else if (unit == "gb" || unit == "g") factor = 1024.0 * 1024 * 1024;
  else if (unit == "tb" || unit == "t") factor = 1024.0 * 1024 * 1024 * 1024;
  else return Bad(flag, text, expected);
  double bytes = n * factor;
  if (bytes > 1024.0 * 1024 * 1024 * 1024 * 1024) return Bad(flag, text, "a size of at most 1PB");
  return static_cast<int64_t>(std::llround(bytes));
}

Result<int64_t> ParseBytesPerDay(std::string_view text, std::string_view flag) {
  const char* expected = "a rate such as 5GB/day, 200MB/h or 10MB/min";
  std::string t = Lower(text);
  size_t slash = t.find('/');
  if (slash == std::string::npos) return Bad(flag, text, expected);
  auto bytes = ParseBytes(t.substr(0, slash), flag);
  if (!bytes.ok()) return Bad(flag, text, expected);
  std::string per = t.substr(slash + 1);
  double per_day = 0;
  if (per == "day" || per == "d") per_day = 1;
  else if (per == "h" || per == "hour") per_day = 24;
  else if (per == "min" || per == "minute") per_day = 24 * 60;
  else if (per == "s" || per == "sec" || per == "second") per_day = 86400;
  else return Bad(flag, text, expected);
  return static_cast<int64_t>(std::llround(static_cast<double>(*bytes) * per_day));
}

Result<Repository> ParseRepository(std::string_view text) {
  const char* expected = "posix:/path (or an absolute path) or s3://bucket/path";
  std::string t(text);
  Repository repo;
  if (t.starts_with("s3://")) {
    std::string rest = t.substr(5);
    size_t slash = rest.find('/');
    repo.type = RepositoryType::kS3;
    repo.bucket = rest.substr(0, slash);
    repo.path = slash == std::string::npos ? "/pgbackrest" : rest.substr(slash);
    if (repo.path == "/") repo.path = "/pgbackrest";
    for (char c : repo.bucket) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return Bad("--repo", text, expected);
    }
    if (repo.bucket.empty()) return Bad("--repo", text, expected);
  } else {
    if (t.starts_with("posix:")) t = t.substr(6);
    if (!t.starts_with("/")) return Bad("--repo", text, expected);
    repo.type = RepositoryType::kPosix;
    repo.path = t;
  }
  for (char c : repo.path) {
    // The path goes into a config file and a shell script: refuse what would need quoting.
    if (std::isspace(static_cast<unsigned char>(c)) || c == '\'' || c == '"' || c == '$' || c == '`' || c == '\\' ||
        c == ';')
      return Bad("--repo", text, "a path without blanks, quotes or shell characters");
  }
  while (repo.path.size() > 1 && repo.path.back() == '/') repo.path.pop_back();
  return repo;
}

Result<int> ParseRetentionDays(std::string_view text) {
  const char* expected = "a period such as 7d, 14d, 4w, 3months or 1y";
  std::string t = Lower(text);
  double n = 0;
  std::string unit;
  if (!SplitNumber(t, &n, &unit) || n <= 0) return Bad("--retention", text, expected);
  double days = 0;
  if (unit == "d" || unit == "day" || unit == "days") days = n;
  else if (unit == "w" || unit == "week" || unit == "weeks") days = 7 * n;
  else if (unit == "month" || unit == "months" || unit == "mo") days = 30 * n;
  else if (unit == "y" || unit == "year" || unit == "years") days = 365 * n;
  else return Bad("--retention", text, expected);
  if (days < 1 || days > 3650) return Bad("--retention", text, "a period between 1 day and 10 years");
  return static_cast<int>(std::ceil(days));
}

Status CheckStanzaName(std::string_view name) {
  if (name.empty()) return Bad("--stanza", name, "a name of letters, digits, '-', '_' or '.'");
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return Bad("--stanza", name, "a name of letters, digits, '-', '_' or '.'");
  }
  return Status::Ok();
}

std::string FormatBytes(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  int unit = 0;
  while (bytes >= 1024 && unit < 5) {
    bytes /= 1024;
    ++unit;
  }
  if (unit == 0 || bytes >= 10) return fmt::format("{:.0f} {}", bytes, units[unit]);
  return fmt::format("{:.1f} {}", bytes, units[unit]);
}

std::string FormatDuration(double seconds) {
  if (seconds < 90) return fmt::format("{:.0f}s", seconds);
  if (seconds < 90 * 60) return fmt::format("{:.0f}min", seconds / 60);
  if (seconds < 48 * 3600) {
    double hours = seconds / 3600;
    return hours < 10 ? fmt::format("{:.1f}h", hours) : fmt::format("{:.0f}h", hours);
  }
  return fmt::format("{:.1f}d", seconds / 86400);
}

}  // namespace dbarch::analyzers::backup
