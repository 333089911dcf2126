#include "verify/datagen/value_domain.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include <fmt/format.h>

#include "verify/datagen/random.h"

namespace dbarch::verify::datagen {
namespace {

constexpr int64_t kDay = 86400;
constexpr uint64_t kMaxCapacity = uint64_t{1} << 62;

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

void AppendDigits(uint64_t value, int width, std::string* out) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(buf[--n]);
}

void AppendSigned(int64_t value, std::string* out) {
  if (value < 0) {
    out->push_back('-');
    AppendDigits(static_cast<uint64_t>(-(value + 1)) + 1, 1, out);
  } else {
    AppendDigits(static_cast<uint64_t>(value), 1, out);
  }
}

void AppendDate(int64_t days, std::string* out) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  AppendDigits(static_cast<uint64_t>(y), 4, out);
  out->push_back('-');
  AppendDigits(m, 2, out);
  out->push_back('-');
  AppendDigits(d, 2, out);
}

void AppendClock(int64_t seconds_of_day, std::string* out) {
  AppendDigits(static_cast<uint64_t>(seconds_of_day / 3600), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<uint64_t>(seconds_of_day / 60 % 60), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<uint64_t>(seconds_of_day % 60), 2, out);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void AppendBase36(uint64_t value, int width, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char buf[16];
  int n = 0;
  do {
    buf[n++] = kDigits[value % 36];
    value /= 36;
  } while (value != 0 && n < 16);
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(buf[--n]);
}

uint64_t Power(uint64_t base, int exponent) {
  uint64_t out = 1;
  for (int i = 0; i < exponent; ++i) {
    if (out > kMaxCapacity / base) return kMaxCapacity;
    out *= base;
  }
  return out;
}

int64_t Pow10(int exponent) {
  int64_t out = 1;
  for (int i = 0; i < exponent && i < 18; ++i) out *= 10;
  return out;
}

bool Contains(const std::string& haystack, std::initializer_list<const char*> needles) {
  for (const char* needle : needles) {
    if (haystack.find(needle) != std::string::npos) return true;
  }
  return false;
}

// "hh:mm[:ss[.frac]]" → seconds; nullopt when it is not a clock time.
std::optional<long double> ParseClock(const std::string& text) {
  unsigned h = 0, m = 0;
  double s = 0;
  int fields = std::sscanf(text.c_str(), "%u:%u:%lf", &h, &m, &s);
  if (fields < 2) return std::nullopt;
  return static_cast<long double>(h) * 3600 + m * 60 + s;
}

// "YYYY-MM-DD[ T]hh:mm:ss[.frac][+tz]" → seconds since the epoch, or days when !want_seconds. An offset is
// ignored: timestamptz bounds keep a day's margin instead.
std::optional<long double> ParseTimestamp(const std::string& text, bool want_seconds) {
  int y = 0;
  unsigned mo = 0, d = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%u%n", &y, &mo, &d, &consumed) < 3 || mo < 1 || mo > 12 || d < 1 ||
      d > 31) {
    return std::nullopt;  // also 'infinity', 'epoch' and friends: not bounds we generate near
  }
  const long double days = static_cast<long double>(DaysFromCivil(y, mo, d));
  if (!want_seconds) return days;
  long double seconds = days * kDay;
  std::string rest = text.substr(static_cast<size_t>(consumed));
  while (!rest.empty() && (rest[0] == ' ' || rest[0] == 'T')) rest.erase(0, 1);
  if (auto clock = ParseClock(rest)) seconds += *clock;
  return seconds;
}

// "1 day 02:00:00", "30 minutes", "2 hours", "0", "P1D"-free forms → seconds.
std::optional<long double> ParseInterval(const std::string& text) {
  long double total = 0;
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    const size_t start = i;
    if (text[i] == '-' || text[i] == '+') ++i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' || text[i] == ':')) ++i;
    const std::string number = text.substr(start, i - start);
    if (number.empty() || number == "-" || number == "+") return std::nullopt;
    if (number.find(':') != std::string::npos) {
      const bool negative = number[0] == '-';
      auto clock = ParseClock(negative || number[0] == '+' ? number.substr(1) : number);
      if (!clock) return std::nullopt;
      total += negative ? -*clock : *clock;
      any = true;
      continue;
    }
    const long double value = std::stold(number);
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return std::tolower(c); });
    long double factor = 1;
    if (unit.empty() || unit.rfind("sec", 0) == 0 || unit == "s") factor = 1;
    else if (unit.rfind("min", 0) == 0 || unit == "m") factor = 60;
    else if (unit.rfind("hour", 0) == 0 || unit == "h" || unit == "hr" || unit == "hrs") factor = 3600;
    else if (unit.rfind("day", 0) == 0 || unit == "d") factor = kDay;
    else if (unit.rfind("week", 0) == 0 || unit == "w") factor = 7 * kDay;
    else if (unit.rfind("mon", 0) == 0) factor = 30 * kDay;
    else if (unit.rfind("year", 0) == 0 || unit == "y") factor = 365 * kDay;
    else if (unit.rfind("ms", 0) == 0 || unit.rfind("milli", 0) == 0) factor = 0.001L;
    else return std::nullopt;
    total += value * factor;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

const char* const kLorem[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
                              "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore",
                              "magna", "aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud",
                              "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo"};
constexpr size_t kLoremWords = sizeof(kLorem) / sizeof(kLorem[0]);

bool IsTimestampTz(ValueKind kind) { return kind == ValueKind::kTimestampTz; }

// Quotes an array element or range bound when PostgreSQL's array/range input would misread it.
void AppendQuotedElement(const std::string& element, std::string* out) {
  bool needs = element.empty();
  for (char c : element) {
    if (c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || c == ' ' || c == '(' || c == ')' ||
        c == '[' || c == ']') {
      needs = true;
      break;
    }
  }
  if (!needs) {
    out->append(element);
    return;
  }
  out->push_back('"');
  for (char c : element) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

ValueDomain ValueDomain::Categorical(std::vector<std::string> values) {
  ValueDomain d;
  d.kind_ = ValueKind::kCategorical;
  d.values_ = std::move(values);
  d.size_ = std::max<uint64_t>(1, d.values_.size());
  if (d.values_.empty()) d.problem_ = "no allowed values";
  return d;
}

ValueDomain ValueDomain::ArrayOf(ValueDomain element, uint64_t salt) {
  ValueDomain d;
  d.salt_ = salt;
  if (!element.known()) return d;
  d.kind_ = ValueKind::kArray;
  element.SetSize(element.Capacity(), true);
  d.element_ = std::make_shared<ValueDomain>(std::move(element));
  d.size_ = std::max<uint64_t>(1, d.element_->Capacity());
  return d;
}

ValueDomain ValueDomain::ForType(const model::TypeName& type, const std::string& column, uint64_t salt) {
  ValueDomain d;
  d.salt_ = salt;
  if (type.array_dims > 0) {
    model::TypeName element = type;
    element.array_dims = 0;
    return ArrayOf(ForType(element, column, salt), salt);
  }
  const std::string& name = type.name;
  auto modifier = [&](size_t i) -> std::optional<int> {
    if (i >= type.modifiers.size()) return std::nullopt;
    try {
      return std::stoi(type.modifiers[i]);
    } catch (...) {
      return std::nullopt;
    }
  };
  auto ordered = [&](ValueKind kind, int64_t low, int64_t high, int64_t natural_low, int64_t natural_high) {
    d.kind_ = kind;
    d.low_ = low;
    d.high_ = high;
    d.natural_low_ = std::max(low, natural_low);
    d.natural_high_ = std::min(high, natural_high);
  };
  const int64_t year2020 = DaysFromCivil(2020, 1, 1), year2026 = DaysFromCivil(2026, 1, 1);
  const int64_t year1900 = DaysFromCivil(1900, 1, 1), year3000 = DaysFromCivil(3000, 1, 1);
  int64_t natural_int_high = 1000;
  if (Contains(column, {"quantity", "qty", "count", "attempts", "retries"})) natural_int_high = 20;
  if (Contains(column, {"cents", "amount", "price", "total", "balance"})) natural_int_high = 100000;

  if (name == "smallint" || name == "integer" || name == "bigint" || name == "oid") {
    const int64_t limit = name == "smallint" ? 32767 : name == "bigint" ? (int64_t{1} << 62) : 2147483647;
    ordered(ValueKind::kInteger, name == "oid" ? 1 : -limit, limit, 1, natural_int_high);
  } else if (name == "numeric" || name == "decimal") {
    const int precision = modifier(0).value_or(0);
    d.scale_ = std::clamp(modifier(1).value_or(type.modifiers.empty() ? 2 : 0), 0, 12);
    const int64_t limit = precision > 0 && precision <= 18 ? Pow10(precision) - 1 : Pow10(17);
    ordered(ValueKind::kNumeric, -limit, limit, 0, 1000 * Pow10(d.scale_));
  } else if (name == "real" || name == "double precision") {
    d.scale_ = 2;
    ordered(ValueKind::kFloat, -Pow10(15), Pow10(15), 0, 100000);
  } else if (name == "money") {
    d.scale_ = 2;
    ordered(ValueKind::kMoney, -Pow10(15), Pow10(15), 0, 100000);
  } else if (name == "boolean") {
    ordered(ValueKind::kBoolean, 0, 1, 0, 1);
  } else if (name == "date") {
    ordered(ValueKind::kDate, year1900, year3000, year2020, year2026 - 1);
  } else if (name == "timestamp without time zone" || name == "timestamp with time zone") {
    ordered(name == "timestamp with time zone" ? ValueKind::kTimestampTz : ValueKind::kTimestamp,
            year1900 * kDay, year3000 * kDay, year2020 * kDay, year2026 * kDay - 1);
  } else if (name == "time without time zone" || name == "time with time zone") {
    ordered(name == "time with time zone" ? ValueKind::kTimeTz : ValueKind::kTime, 0, kDay - 1, 0, kDay - 1);
  } else if (name == "interval") {
    ordered(ValueKind::kInterval, -Pow10(12), Pow10(12), 300, kDay);
  } else if (name == "text" || name == "character varying" || name == "citext" || name == "name" ||
             (name == "character" && modifier(0).value_or(1) > 8)) {
    d.kind_ = ValueKind::kText;
    if (name == "character varying" || name == "character") d.max_length_ = modifier(0).value_or(-1);
    if (name == "name") d.max_length_ = 63;
    if (Contains(column, {"email", "e_mail"})) d.style_ = TextStyle::kEmail;
    else if (Contains(column, {"url", "website", "link", "href"})) d.style_ = TextStyle::kUrl;
    else if (Contains(column, {"phone", "mobile", "fax"})) d.style_ = TextStyle::kPhone;
    else if (Contains(column, {"description", "body", "note", "comment", "content", "message", "bio",
                               "summary", "detail", "reason", "text", "title", "subject"}))
      d.style_ = TextStyle::kProse;
    for (char c : column) {
      if (d.prefix_.size() >= 12) break;
      if (std::isalnum(static_cast<unsigned char>(c))) d.prefix_.push_back(static_cast<char>(std::tolower(c)));
      else if (!d.prefix_.empty() && d.prefix_.back() != '-') d.prefix_.push_back('-');
    }
    while (!d.prefix_.empty() && d.prefix_.back() == '-') d.prefix_.pop_back();
    if (d.prefix_.empty()) d.prefix_ = "v";
  } else if (name == "character" || name == "bpchar") {
    d.kind_ = ValueKind::kFixedChar;
    d.width_ = modifier(0).value_or(1);
  } else if (name == "uuid") {
    d.kind_ = ValueKind::kUuid;
  } else if (name == "json" || name == "jsonb") {
    d.kind_ = ValueKind::kJson;
  } else if (name == "inet") {
    d.kind_ = ValueKind::kInet;
  } else if (name == "cidr") {
    d.kind_ = ValueKind::kCidr;
  } else if (name == "macaddr" || name == "macaddr8") {
    d.kind_ = ValueKind::kMacaddr;
  } else if (name == "bytea") {
    d.kind_ = ValueKind::kBytea;
  } else if (name == "bit" || name == "bit varying") {
    d.kind_ = ValueKind::kBitString;
    d.width_ = name == "bit" ? modifier(0).value_or(1) : -modifier(0).value_or(64);
  } else if (name == "xml") {
    d.kind_ = ValueKind::kXml;
  } else if (name == "tsvector") {
    d.kind_ = ValueKind::kTsvector;
  } else if (name == "point") {
    d.kind_ = ValueKind::kPoint;
  } else if (name == "int4range" || name == "int8range" || name == "numrange" || name == "daterange" ||
             name == "tsrange" || name == "tstzrange") {
    model::TypeName subtype;
    subtype.name = name == "int4range"   ? "integer"
                   : name == "int8range" ? "bigint"
                   : name == "numrange"  ? "numeric"
                   : name == "daterange" ? "date"
                   : name == "tsrange"   ? "timestamp without time zone"
                                         : "timestamp with time zone";
    d.kind_ = ValueKind::kRange;
    d.element_ = std::make_shared<ValueDomain>(ForType(subtype, column, salt));
  }
  if (d.ordered()) {
    d.base_ = d.natural_low_;
    d.stride_ = 1;
  }
  d.size_ = std::max<uint64_t>(1, std::min<uint64_t>(d.Capacity(), 1000));
  return d;
}

bool ValueDomain::ordered() const {
  switch (kind_) {
    case ValueKind::kInteger: case ValueKind::kNumeric: case ValueKind::kFloat: case ValueKind::kMoney:
    case ValueKind::kBoolean: case ValueKind::kDate: case ValueKind::kTimestamp: case ValueKind::kTimestampTz:
    case ValueKind::kTime: case ValueKind::kTimeTz: case ValueKind::kInterval:
      return true;
    default:
      return false;
  }
}

std::optional<int64_t> ValueDomain::ParseUnits(const Literal& literal) const {
  std::optional<long double> value;
  const std::string& text = literal.text;
  try {
    switch (kind_) {
      case ValueKind::kInteger: case ValueKind::kNumeric: case ValueKind::kFloat: case ValueKind::kMoney: {
        std::string digits;
        for (char c : text) {
          if (c != '$' && c != ',') digits.push_back(c);
        }
        size_t used = 0;
        value = std::stold(digits, &used) * static_cast<long double>(Pow10(scale_));
        if (used != digits.size()) return std::nullopt;
        break;
      }
      case ValueKind::kBoolean: {
        std::string t = text;
        std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
        if (t == "true" || t == "t" || t == "yes" || t == "on" || t == "1") value = 1;
        else if (t == "false" || t == "f" || t == "no" || t == "off" || t == "0") value = 0;
        break;
      }
      case ValueKind::kDate: value = ParseTimestamp(text, false); break;
      case ValueKind::kTimestamp: case ValueKind::kTimestampTz: value = ParseTimestamp(text, true); break;
      case ValueKind::kTime: case ValueKind::kTimeTz: value = ParseClock(text); break;
      case ValueKind::kInterval: value = ParseInterval(text); break;
      default: return std::nullopt;
    }
  } catch (...) {
    return std::nullopt;
  }
  if (!value || !std::isfinite(static_cast<double>(*value))) return std::nullopt;
  if (*value > 4e18L || *value < -4e18L) return std::nullopt;
  return static_cast<int64_t>(std::llround(static_cast<double>(*value)));
}

void ValueDomain::RestrictUnits(int64_t low, int64_t high) {
  low_ = std::max(low_, low);
  high_ = std::min(high_, high);
  if (low_ > high_) problem_ = "the constraints leave no value";
}

bool ValueDomain::Apply(const ColumnRule& rule) {
  using Kind = ColumnRule::Kind;
  if (rule.kind == Kind::kNotNull) return true;
  if (kind_ == ValueKind::kArray || kind_ == ValueKind::kRange) return false;
  if (rule.kind == Kind::kIn) {
    std::vector<std::string> allowed;
    for (const Literal& literal : rule.values) {
      if (ordered()) {
        auto units = ParseUnits(literal);
        if (!units || *units < low_ || *units > high_) continue;
      }
      if (kind_ == ValueKind::kCategorical &&
          std::find(values_.begin(), values_.end(), literal.text) == values_.end()) {
        continue;
      }
      if (max_length_ >= 0 && static_cast<int>(literal.text.size()) > max_length_) continue;
      if (std::find(allowed.begin(), allowed.end(), literal.text) == allowed.end()) allowed.push_back(literal.text);
    }
    if (kind_ == ValueKind::kUnknown) return false;
    *this = Categorical(std::move(allowed));
    return true;
  }
  if (rule.kind == Kind::kNotIn || (rule.kind == Kind::kCompare && rule.op == CompareOp::kNe)) {
    std::vector<Literal> values = rule.kind == Kind::kNotIn ? rule.values : std::vector<Literal>{rule.value};
    for (const Literal& literal : values) {
      if (kind_ == ValueKind::kCategorical) {
        values_.erase(std::remove(values_.begin(), values_.end(), literal.text), values_.end());
        if (values_.empty()) problem_ = "no allowed values";
      } else if (ordered()) {
        auto units = ParseUnits(literal);
        if (!units) return false;
        if (!std::binary_search(excluded_.begin(), excluded_.end(), *units)) {
          excluded_.insert(std::upper_bound(excluded_.begin(), excluded_.end(), *units), *units);
        }
      } else if (kind_ == ValueKind::kText || kind_ == ValueKind::kFixedChar) {
        excluded_text_.push_back(literal.text);
      } else {
        return false;
      }
    }
    return true;
  }
  if (rule.kind == Kind::kLength) {
    if (kind_ != ValueKind::kText && kind_ != ValueKind::kFixedChar) return false;
    int n = static_cast<int>(rule.length);
    int lo = 0, hi = -1;
    switch (rule.op) {
      case CompareOp::kLt: hi = n - 1; break;
      case CompareOp::kLe: hi = n; break;
      case CompareOp::kGt: lo = n + 1; break;
      case CompareOp::kGe: lo = n; break;
      case CompareOp::kEq: lo = hi = n; break;
      case CompareOp::kNe: return false;
    }
    if (kind_ == ValueKind::kFixedChar) {
      // char(n) is blank-padded; length() ignores the padding, and our codes always fill the width.
      return lo <= width_ && (hi < 0 || width_ <= hi);
    }
    min_length_ = std::max(min_length_, lo);
    if (hi >= 0) max_length_ = max_length_ < 0 ? hi : std::min(max_length_, hi);
    if (max_length_ >= 0 && min_length_ > max_length_) problem_ = "length limits leave no value";
    return true;
  }
  // A comparison with a constant.
  if (!ordered()) {
    if (kind_ != ValueKind::kCategorical && kind_ != ValueKind::kText && kind_ != ValueKind::kFixedChar) return false;
    if (rule.op != CompareOp::kEq) return false;
    ColumnRule only;
    only.kind = ColumnRule::Kind::kIn;
    only.column = rule.column;
    only.values = {rule.value};
    return Apply(only);
  }
  auto units = ParseUnits(rule.value);
  if (!units) return false;
  int64_t v = *units;
  // A timestamptz constant without an offset is read in the server's time zone, which we do not know:
  // keep a day away from the bound so the value is on the right side in any zone.
  const int64_t margin = IsTimestampTz(kind_) && rule.value.text.find('+') == std::string::npos ? kDay : 0;
  switch (rule.op) {
    case CompareOp::kLt: RestrictUnits(low_, v - 1 - margin); break;
    case CompareOp::kLe: RestrictUnits(low_, v - margin); break;
    case CompareOp::kGt: RestrictUnits(v + 1 + margin, high_); break;
    case CompareOp::kGe: RestrictUnits(v + margin, high_); break;
    case CompareOp::kEq: RestrictUnits(v, v); break;
    case CompareOp::kNe: break;
  }
  return problem_.empty();
}

bool ValueDomain::RestrictToPartition(const std::optional<Literal>& low, const std::optional<Literal>& high) {
  if (!ordered()) return false;
  int64_t lo = low_, hi = high_;
  const int64_t margin = IsTimestampTz(kind_) ? kDay : 0;
  if (low) {
    auto units = ParseUnits(*low);
    if (!units) return false;
    lo = *units + (margin > 0 && low->text.find('+') == std::string::npos ? margin : 0);
  }
  if (high) {
    auto units = ParseUnits(*high);
    if (!units) return false;
    hi = *units - 1 - (margin > 0 && high->text.find('+') == std::string::npos ? margin : 0);
  }
  // A partition narrower than the margin: fall back to the exact bounds.
  if (lo > hi && low && high) {
    lo = *ParseUnits(*low);
    hi = *ParseUnits(*high) - 1;
  }
  RestrictUnits(lo, hi);
  return problem_.empty();
}

uint64_t ValueDomain::Capacity() const {
  switch (kind_) {
    case ValueKind::kCategorical:
      return values_.size();
    case ValueKind::kText: {
      if (max_length_ < 0) return kMaxCapacity;
      return Power(36, max_length_);
    }
    case ValueKind::kFixedChar:
      return Power(26, width_);
    case ValueKind::kBitString:
      // bit(n) holds n digits; varbit(n) (width_ = -n) is written with as many digits as k needs, up to n.
      return Power(2, std::min(width_ > 0 ? width_ : -width_ - 1, 62));
    case ValueKind::kInet: return uint64_t{1} << 32;
    case ValueKind::kCidr: return uint64_t{1} << 16;
    case ValueKind::kMacaddr: return uint64_t{1} << 24;
    case ValueKind::kArray: return element_ ? element_->Capacity() : 0;
    case ValueKind::kRange: {
      if (!element_) return 0;
      const int64_t slot = std::max<int64_t>(2, element_->TypicalGap() * 2);
      return static_cast<uint64_t>(std::max<int64_t>(0, (element_->high_ - element_->natural_low_) / slot));
    }
    case ValueKind::kUnknown: return 0;
    default:
      break;
  }
  if (!ordered()) return kMaxCapacity;
  if (low_ > high_) return 0;
  const long double span = static_cast<long double>(high_) - static_cast<long double>(low_) + 1;
  int64_t excluded_inside = 0;
  for (int64_t e : excluded_) excluded_inside += e >= low_ && e <= high_;
  const long double capacity = span - static_cast<long double>(excluded_inside);
  return capacity >= static_cast<long double>(kMaxCapacity) ? kMaxCapacity : static_cast<uint64_t>(capacity);
}

int ValueDomain::TextKeyWidth(uint64_t size) const {
  int digits = 1;
  for (uint64_t reach = 36; reach < size && digits < 12; reach *= 36) ++digits;
  return digits;
}

void ValueDomain::SetSize(uint64_t size, bool dense, bool exact) {
  size_ = std::max<uint64_t>(1, std::min(size, std::max<uint64_t>(1, Capacity())));
  if (ordered()) {
    const int64_t n = static_cast<int64_t>(size_);
    int64_t lo = std::max(low_, natural_low_), hi = std::min(high_, natural_high_);
    if (lo > hi) {
      const int64_t width = natural_high_ - natural_low_;
      if (natural_high_ < low_) {
        lo = low_;
        hi = high_ - low_ < width ? high_ : low_ + width;
      } else {
        hi = high_;
        lo = high_ - low_ < width ? low_ : high_ - width;
      }
    }
    // Repeated values stay in the natural range: fewer distinct values rather than odd ones.
    if (!dense && !exact && n > hi - lo + 1) {
      size_ = static_cast<uint64_t>(hi - lo + 1);
      return SetSize(size_, dense, exact);
    }
    stride_ = 1;
    if (!dense && n > 1 && hi - lo + 1 > n) stride_ = (hi - lo) / (n - 1);
    if (stride_ < 1) stride_ = 1;
    base_ = lo;
    // Not enough room from the natural start: slide down, then use the whole allowed range.
    const long double last = static_cast<long double>(base_) + static_cast<long double>(n - 1) * stride_ +
                             static_cast<long double>(excluded_.size());
    if (last > static_cast<long double>(high_)) {
      stride_ = 1;
      base_ = std::max(low_, high_ - (n - 1) - static_cast<int64_t>(excluded_.size()));
    }
  } else if (kind_ == ValueKind::kText) {
    key_width_ = TextKeyWidth(size_);
  } else if (kind_ == ValueKind::kRange && element_) {
    element_->SetSize(1, true);
  }
}

int64_t ValueDomain::Units(uint64_t k) const {
  int64_t v = base_ + static_cast<int64_t>(k) * stride_;
  for (int64_t e : excluded_) {
    if (stride_ == 1 ? v >= e : v == e) ++v;
  }
  return v;
}

int64_t ValueDomain::TypicalGap() const {
  switch (kind_) {
    case ValueKind::kDate: return 7;
    case ValueKind::kTimestamp: case ValueKind::kTimestampTz: return 3600;
    case ValueKind::kTime: case ValueKind::kTimeTz: return 3600;
    case ValueKind::kInterval: return 600;
    case ValueKind::kBoolean: return 1;
    default:
      return std::max<int64_t>(1, (natural_high_ - natural_low_) / 20);
  }
}

void ValueDomain::AppendUnits(int64_t units, std::string* out) const {
  switch (kind_) {
    case ValueKind::kInteger:
      AppendSigned(units, out);
      return;
    case ValueKind::kNumeric: case ValueKind::kFloat: case ValueKind::kMoney: {
      if (scale_ == 0) {
        AppendSigned(units, out);
        return;
      }
      const int64_t factor = Pow10(scale_);
      if (units < 0) out->push_back('-');
      const uint64_t magnitude = units < 0 ? static_cast<uint64_t>(-(units + 1)) + 1 : static_cast<uint64_t>(units);
      AppendDigits(magnitude / static_cast<uint64_t>(factor), 1, out);
      out->push_back('.');
      AppendDigits(magnitude % static_cast<uint64_t>(factor), scale_, out);
      return;
    }
    case ValueKind::kBoolean:
      out->push_back(units != 0 ? 't' : 'f');
      return;
    case ValueKind::kDate:
      AppendDate(units, out);
      return;
    case ValueKind::kTimestamp: case ValueKind::kTimestampTz: {
      const int64_t days = FloorDiv(units, kDay);
      AppendDate(days, out);
      out->push_back(' ');
      AppendClock(units - days * kDay, out);
      if (kind_ == ValueKind::kTimestampTz) out->append("+00");
      return;
    }
    case ValueKind::kTime: case ValueKind::kTimeTz:
      AppendClock(std::clamp<int64_t>(units, 0, kDay - 1), out);
      if (kind_ == ValueKind::kTimeTz) out->append("+00");
      return;
    case ValueKind::kInterval:
      AppendSigned(units, out);
      out->append(" seconds");
      return;
    default:
      AppendSigned(units, out);
  }
}

void ValueDomain::AppendText(uint64_t k, std::string* out) const {
  const size_t start = out->size();
  const int digits = key_width_;
  switch (style_) {
    case TextStyle::kEmail:
      if (max_length_ < 0 || max_length_ >= digits + 17) {
        out->append("user");
        AppendBase36(k, std::max(digits, min_length_ - 16), out);
        out->append("@example.com");
        return;
      }
      break;
    case TextStyle::kUrl:
      if (max_length_ < 0 || max_length_ >= digits + 20) {
        out->append("https://example.com/");
        AppendBase36(k, std::max(digits, min_length_ - 20), out);
        return;
      }
      break;
    case TextStyle::kPhone:
      if ((max_length_ < 0 || max_length_ >= 15) && k < 100000000) {
        out->append("+1-555-");
        AppendDigits(k, 8, out);
        return;
      }
      break;
    case TextStyle::kProse: {
      // A few words picked by k, then k itself so different k never give the same text.
      const int suffix = digits + 1;
      int target = 12 + static_cast<int>(Mix64(k ^ salt_) % 48);
      if (max_length_ >= 0) target = std::min(target, max_length_ - suffix);
      target = std::max(target, min_length_ - suffix);
      if (target < 8) break;
      uint64_t h = Mix64(k + salt_);
      while (static_cast<int>(out->size() - start) < target) {
        if (out->size() > start) out->push_back(' ');
        out->append(kLorem[h % kLoremWords]);
        h = Mix64(h);
      }
      out->resize(start + static_cast<size_t>(target));
      if ((*out)[out->size() - 1] == ' ') (*out)[out->size() - 1] = 'x';
      out->push_back(' ');
      AppendBase36(k, digits, out);
      return;
    }
    case TextStyle::kWord:
      break;
  }
  out->resize(start);
  // Word style: "<prefix>-<k in base 36, fixed width>" when it fits, else just the digits.
  const bool with_prefix = max_length_ < 0 || static_cast<int>(prefix_.size()) + 1 + digits <= max_length_;
  int width = digits;
  if (with_prefix) {
    out->append(prefix_);
    out->push_back('-');
    width = std::max(width, min_length_ - static_cast<int>(prefix_.size()) - 1);
  } else {
    width = std::max(width, min_length_);
  }
  AppendBase36(k, width, out);
  if (!excluded_text_.empty()) {
    const std::string_view value(out->data() + start, out->size() - start);
    for (const std::string& excluded : excluded_text_) {
      if (value == excluded) out->push_back('0');  // keeps it distinct; excluded values are rare
    }
  }
}

void ValueDomain::AppendArray(uint64_t k, std::string* out) const {
  out->push_back('{');
  const uint64_t capacity = std::max<uint64_t>(1, element_->Capacity());
  const int count = 1 + static_cast<int>(Mix64(k ^ salt_) % 3);
  std::string element;
  for (int i = 0; i < count; ++i) {
    if (i > 0) out->push_back(',');
    element.clear();
    element_->Append((k + static_cast<uint64_t>(i) * 7919) % capacity, &element);
    AppendQuotedElement(element, out);
  }
  out->push_back('}');
}

void ValueDomain::AppendRange(uint64_t k, std::string* out) const {
  // Slot k of a grid over the subtype: ranges of different k never overlap (EXCLUDE … WITH && holds).
  const int64_t slot = std::max<int64_t>(2, element_->TypicalGap() * 2);
  const int64_t lower = element_->natural_low_ + static_cast<int64_t>(k) * slot;
  const int64_t upper = lower + 1 + static_cast<int64_t>(Mix64(k ^ salt_) % static_cast<uint64_t>(slot - 1));
  std::string bound;
  out->push_back('[');
  element_->AppendUnits(lower, &bound);
  AppendQuotedElement(bound, out);
  out->push_back(',');
  bound.clear();
  element_->AppendUnits(upper, &bound);
  AppendQuotedElement(bound, out);
  out->push_back(')');
}

void ValueDomain::Append(uint64_t k, std::string* out) const {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (kind_) {
    case ValueKind::kCategorical:
      if (!values_.empty()) out->append(values_[k % values_.size()]);
      return;
    case ValueKind::kText:
      AppendText(k, out);
      return;
    case ValueKind::kFixedChar: {
      // Upper-case letters, k in base 26: "AA", "AB", … (country and currency codes look like this).
      char buf[64];
      const int width = std::min(width_, 64);
      uint64_t v = k;
      for (int i = width - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('A' + v % 26);
        v /= 26;
      }
      out->append(buf, static_cast<size_t>(width));
      return;
    }
    case ValueKind::kUuid: {
      const uint64_t hi = Mix64(k ^ salt_), lo = Mix64(~k ^ (salt_ << 1));
      char buf[36];
      int p = 0;
      for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) buf[p++] = '-';
        const uint64_t word = i < 16 ? hi : lo;
        buf[p++] = kHex[(word >> (60 - 4 * (i % 16))) & 15];
      }
      out->append(buf, 36);
      return;
    }
    case ValueKind::kJson:
      out->append("{\"id\": ");
      AppendDigits(k, 1, out);
      out->append(", \"tag\": \"t");
      AppendDigits(Mix64(k ^ salt_) % 8, 1, out);
      out->append("\"}");
      return;
    case ValueKind::kInet: {
      const uint32_t ip = static_cast<uint32_t>((uint64_t{10} << 24) + k);
      out->append(fmt::format("{}.{}.{}.{}", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255));
      return;
    }
    case ValueKind::kCidr:
      out->append(fmt::format("10.{}.{}.0/24", (k >> 8) & 255, k & 255));
      return;
    case ValueKind::kMacaddr:
      out->append(fmt::format("08:00:2b:{:02x}:{:02x}:{:02x}", (k >> 16) & 255, (k >> 8) & 255, k & 255));
      return;
    case ValueKind::kBytea: {
      out->append("\\x");
      const uint64_t v = Mix64(k ^ salt_);
      for (int i = 15; i >= 0; --i) out->push_back(kHex[(v >> (4 * i)) & 15]);
      return;
    }
    case ValueKind::kBitString: {
      const int width = width_ > 0 ? width_ : 1 + static_cast<int>(std::min<uint64_t>(62, std::bit_width(k)));
      for (int i = width - 1; i >= 0; --i) out->push_back(i < 63 && ((k >> i) & 1) ? '1' : '0');
      return;
    }
    case ValueKind::kXml:
      out->append("<v>");
      AppendDigits(k, 1, out);
      out->append("</v>");
      return;
    case ValueKind::kTsvector:
      out->append("w");
      AppendBase36(k, 1, out);
      out->append(" ");
      out->append(kLorem[Mix64(k ^ salt_) % kLoremWords]);
      return;
    case ValueKind::kPoint:
      out->append(fmt::format("({},{})", k, Mix64(k ^ salt_) % 1000));
      return;
    case ValueKind::kArray:
      AppendArray(k, out);
      return;
    case ValueKind::kRange:
      AppendRange(k, out);
      return;
    case ValueKind::kUnknown:
      return;
    default:
      AppendUnits(Units(k), out);
  }
}

}  // namespace dbarch::verify::datagen
