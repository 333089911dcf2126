// Literal rules: timestamps (rule 4), intervals (rule 15) and numbers (rule 3).
#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <regex>

#include "sql/ast.h"
#include "sql/canonical/normalizer.h"

namespace dbarch::sql::canonical {

using pg_query::Node;

// Rule 4: 'YYYY-MM-DD[ HH:MM[:SS[.frac]]][+00[:00]]' → 'YYYY-MM-DD HH:MM:SS[.frac]', or the date at midnight.
std::string CanonicalTimestamp(const std::string& text) {
  static const std::regex kTimestamp(
      R"(^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:\+00(?::?00)?)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, kTimestamp)) return text;
  std::string date = m[1].str();
  if (!m[2].matched) return date;
  std::string seconds = m[4].matched ? m[4].str() : "00";
  std::string fraction = m[5].matched ? m[5].str() : "";
  while (!fraction.empty() && (fraction.back() == '0' || fraction.back() == '.')) {
    bool dot = fraction.back() == '.';
    fraction.pop_back();
    if (dot) break;
  }
  if (m[2].str() == "00" && m[3].str() == "00" && seconds == "00" && fraction.empty()) return date;
  return date + " " + m[2].str() + ":" + m[3].str() + ":" + seconds + fraction;
}

// Rule 15: an interval literal in PostgreSQL's output format (IntervalStyle postgres), as EncodeInterval
// writes it: '1 hour' → '01:00:00', '1 week' → '7 days', '1 month 2 days' → '1 mon 2 days'. nullopt for
// spellings this does not read (ISO 8601, units it does not know), which are then compared as written.
std::optional<std::string> CanonicalInterval(const std::string& text) {
  static const std::regex kTime(R"(^([-+]?)(\d+):(\d{1,2})(?::(\d{1,2})(\.\d+)?)?$)");
  static const std::regex kNumber(R"(^([-+]?\d+(?:\.\d+)?)([a-z]*)$)");
  std::vector<std::string> tokens;
  std::string token;
  for (char c : text + " ") {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
      if (!token.empty()) tokens.push_back(token);
      token.clear();
    } else {
      token += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (tokens.empty()) return std::nullopt;
  long double months = 0, days = 0, micros = 0;
  bool ago = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    std::smatch m;
    if (t == "@") continue;
    if (t == "ago" && i + 1 == tokens.size()) {
      ago = true;
      continue;
    }
    if (std::regex_match(t, m, kTime)) {
      long double value = (std::stold(m[2].str()) * 3600 + std::stold(m[3].str()) * 60 +
                           (m[4].matched ? std::stold(m[4].str()) : 0) + (m[5].matched ? std::stold(m[5].str()) : 0)) *
                          1e6L;
      micros += m[1].str() == "-" ? -value : value;
      continue;
    }
    if (!std::regex_match(t, m, kNumber)) return std::nullopt;
    long double value = std::stold(m[1].str());
    std::string unit = m[2].str();
    if (unit.empty()) unit = i + 1 < tokens.size() && tokens[i + 1] != "ago" ? tokens[++i] : "seconds";
    auto is = [&](std::initializer_list<const char*> names) {
      for (const char* n : names) {
        if (unit == n) return true;
      }
      return false;
    };
    if (is({"microsecond", "microseconds", "usec", "usecs", "us"})) micros += value;
    else if (is({"millisecond", "milliseconds", "msec", "msecs", "ms"})) micros += value * 1e3L;
    else if (is({"second", "seconds", "sec", "secs", "s"})) micros += value * 1e6L;
    else if (is({"minute", "minutes", "min", "mins", "m"})) micros += value * 60e6L;
    else if (is({"hour", "hours", "hr", "hrs", "h"})) micros += value * 3600e6L;
    else if (is({"day", "days", "d"})) days += value;
    else if (is({"week", "weeks", "w"})) days += value * 7;
    else if (is({"month", "months", "mon", "mons"})) months += value;
    else if (is({"year", "years", "yr", "yrs", "y"})) months += value * 12;
    else if (is({"decade", "decades"})) months += value * 120;
    else if (is({"century", "centuries"})) months += value * 1200;
    else if (is({"millennium", "millennia", "millenniums"})) months += value * 12000;
    else return std::nullopt;
  }
  // Fractions cascade down as PostgreSQL does: a month is 30 days, a day 24 hours.
  long long whole_months = static_cast<long long>(months);
  days += (months - whole_months) * 30;
  long long whole_days = static_cast<long long>(days);
  micros += (days - whole_days) * 86400e6L;
  long long total_micros = static_cast<long long>(micros < 0 ? micros - 0.5L : micros + 0.5L);
  if (ago) {
    whole_months = -whole_months;
    whole_days = -whole_days;
    total_micros = -total_micros;
  }
  std::string out;
  bool before_negative = false;
  auto part = [&](long long value, const char* unit) {
    if (value == 0) return;
    out += (out.empty() ? "" : " ") + std::string(before_negative && value > 0 ? "+" : "") + std::to_string(value) +
           " " + unit + (value != 1 ? "s" : "");
    before_negative = before_negative || value < 0;
  };
  part(whole_months / 12, "year");
  part(whole_months % 12, "mon");
  part(whole_days, "day");
  if (total_micros != 0 || out.empty()) {
    bool negative = total_micros < 0;
    unsigned long long a = static_cast<unsigned long long>(negative ? -total_micros : total_micros);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s%02llu:%02llu:%02llu", negative ? "-" : (before_negative ? "+" : ""),
                  a / 3600000000ULL, a / 60000000ULL % 60, a / 1000000ULL % 60);
    std::string time = buffer;
    if (a % 1000000ULL) {
      std::snprintf(buffer, sizeof buffer, ".%06llu", a % 1000000ULL);
      std::string fraction = buffer;
      while (fraction.back() == '0') fraction.pop_back();
      time += fraction;
    }
    out += (out.empty() ? "" : " ") + time;
  }
  return out;
}

bool IsIntervalTypeName(const pg_query::TypeName& type) {
  return type.names_size() > 0 && StringValue(type.names(type.names_size() - 1)) == "interval" &&
         type.typmods_size() == 0 && type.array_bounds_size() == 0;
}

bool IsNumericTypeName(const pg_query::TypeName& type) {
  if (type.names_size() == 0 || type.array_bounds_size() > 0) return false;
  std::string name = StringValue(type.names(type.names_size() - 1));
  static const char* kNumeric[] = {"int2", "int4", "int8", "integer", "smallint", "bigint", "int",
                                   "numeric", "decimal", "float4", "float8", "real", "oid"};
  return std::find(std::begin(kNumeric), std::end(kNumeric), name) != std::end(kNumeric);
}

// Rule 3: a string constant spelling a number, under a numeric cast, becomes that number.
void NumberFromString(Node* constant) {
  static const std::regex kNumber(R"(^-?\d+(\.\d+)?([eE][-+]?\d+)?$)");
  auto* c = constant->mutable_a_const();
  if (!c->has_sval()) return;
  std::string text = c->sval().sval();
  if (!std::regex_match(text, kNumber)) return;
  bool integral = text.find_first_of(".eE") == std::string::npos;
  if (integral) {
    try {
      long long v = std::stoll(text);
      if (v >= INT_MIN && v <= INT_MAX) {
        c->mutable_ival()->set_ival(static_cast<int>(v));
        return;
      }
    } catch (...) {
    }
  }
  c->mutable_fval()->set_fval(text);
}

}  // namespace dbarch::sql::canonical
