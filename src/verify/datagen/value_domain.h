// The values one column can take, as a sequence: value number k (0 ≤ k < Capacity()) is a valid value of the
// column's type within the bounds its CHECK constraints and partition bounds allow, different values of k
// give different values (so UNIQUE is honoured by drawing k without repetition), and for ordered types the
// sequence increases with k (so correlation with row order and "a < b" between columns can be arranged).
//
// Ordered types (integers, numeric, floats, money, boolean, date, timestamp[tz], time, interval) are held as
// int64 "units": the smallest step the generator uses (10^-scale for numeric, 1/100 for floats and money,
// days for dates, seconds for timestamps, times and intervals). Text-like types are formatted from k
// (word-like keys, e-mails, prose, fixed-width codes); uuid, json, inet, bytea, bit strings, arrays and
// ranges likewise. Categorical domains (enums, IN lists) list their values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "verify/datagen/check_constraints.h"

namespace dbarch::verify::datagen {

enum class ValueKind {
  kInteger, kNumeric, kFloat, kMoney, kBoolean, kDate, kTimestamp, kTimestampTz, kTime, kTimeTz, kInterval,
  kText, kFixedChar, kUuid, kJson, kInet, kCidr, kMacaddr, kBytea, kBitString, kXml, kTsvector, kPoint,
  kCategorical, kArray, kRange, kUnknown,
};

// How a text column's values look, guessed from its name.
enum class TextStyle { kWord, kEmail, kUrl, kPhone, kProse };

class ValueDomain {
 public:
  // A domain for a built-in type (canonical name as model::TypeName holds it, modifiers, array dimensions).
  // Unknown types give kUnknown. `column` picks the text style and default ranges; `salt` makes two columns
  // of the same type differ (uuid, prose).
  static ValueDomain ForType(const model::TypeName& type, const std::string& column, uint64_t salt);
  // A domain whose values are these literals in this order (an enum's labels, a CHECK's IN list).
  static ValueDomain Categorical(std::vector<std::string> values);
  // Arrays (one to three elements) of another domain's values.
  static ValueDomain ArrayOf(ValueDomain element, uint64_t salt);

  ValueKind kind() const { return kind_; }
  bool ordered() const;
  bool known() const { return kind_ != ValueKind::kUnknown; }

  // Applies a CHECK rule about this column. Returns false when the rule cannot be honoured by construction
  // (the loader then filters rows with the original expression).
  bool Apply(const ColumnRule& rule);
  // Restricts an ordered domain to [low, high) as written in a range partition bound (nullopt: unbounded).
  bool RestrictToPartition(const std::optional<Literal>& low, const std::optional<Literal>& high);
  // Restricts to [low, high] in units (ordered domains).
  void RestrictUnits(int64_t low, int64_t high);
  // The constant in this domain's units (ordered domains), e.g. '2025-01-01' → days since 1970-01-01.
  std::optional<int64_t> ParseUnits(const Literal& literal) const;

  // Number of distinct values available (capped at 2^62).
  uint64_t Capacity() const;
  // Chooses how `size` distinct values are laid out: spread over the natural range of the type (e.g. prices
  // between 0 and 1000) when `dense` is false, consecutive from the lowest allowed value when true (keys).
  // A spread layout keeps to the natural range, using fewer distinct values if it must, unless `exact`
  // (the count comes from live statistics).
  void SetSize(uint64_t size, bool dense, bool exact = false);
  uint64_t size() const { return size_; }

  void Append(uint64_t k, std::string* out) const;
  std::string Format(uint64_t k) const {
    std::string out;
    Append(k, &out);
    return out;
  }
  // Ordered domains: the units of value k, the formatting of any units value, and the allowed range.
  int64_t Units(uint64_t k) const;
  void AppendUnits(int64_t units, std::string* out) const;
  int64_t low() const { return low_; }
  int scale() const { return scale_; }  // decimal digits in a unit (numeric(p,s): s)
  int64_t high() const { return high_; }
  // A typical distance between two related values of this kind (an hour for timestamps, 10 for integers):
  // used to place "end" after "start".
  int64_t TypicalGap() const;

  // Text domains: length limits from varchar(n)/char(n) and length() checks.
  int min_length() const { return min_length_; }
  int max_length() const { return max_length_; }
  // Why the domain cannot produce any value (e.g. contradictory bounds); empty when it can.
  const std::string& problem() const { return problem_; }

 private:
  void AppendText(uint64_t k, std::string* out) const;
  void AppendArray(uint64_t k, std::string* out) const;
  void AppendRange(uint64_t k, std::string* out) const;
  int TextKeyWidth(uint64_t size) const;

  ValueKind kind_ = ValueKind::kUnknown;
  // Ordered domains.
  int scale_ = 0;                    // decimal digits after the point (numeric, float, money)
  int64_t low_ = 0, high_ = 0;       // allowed units, inclusive
  int64_t natural_low_ = 0, natural_high_ = 0;  // where values usually lie
  std::vector<int64_t> excluded_;    // units excluded by <> / NOT IN, sorted
  int64_t base_ = 0, stride_ = 1;    // value k = base + k * stride (then shifted past excluded values)
  // Text.
  TextStyle style_ = TextStyle::kWord;
  std::string prefix_;
  int min_length_ = 0, max_length_ = -1;  // -1: unlimited
  int key_width_ = 1;                     // digits of k (base 36), fixed so values never collide
  std::vector<std::string> excluded_text_;
  // Fixed-width codes (char(n)), bit strings.
  int width_ = 0;
  // Categorical.
  std::vector<std::string> values_;
  // Arrays and ranges.
  std::shared_ptr<ValueDomain> element_;
  uint64_t salt_ = 0;
  uint64_t size_ = 1;
  std::string problem_;
};

}  // namespace dbarch::verify::datagen
