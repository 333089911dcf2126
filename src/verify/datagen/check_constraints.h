// What a CHECK expression (of a table or a domain) asks of the generated values, read from libpg_query's
// parse tree. Understood forms, combined with AND:
//   col <op> constant (op in < <= > >= = <>), constant <op> col, col BETWEEN a AND b, col IN (…),
//   col = ANY (ARRAY[…]) / col <> ALL (ARRAY[…]) (pg_dump's spelling of IN), col IS NOT NULL,
//   length/char_length/character_length/octet_length(col [trimmed]) <op> n, col1 <op> col2,
//   num_nonnulls(a, b, …) / num_nulls(…) <op> n, col = c1 OR col = c2 (an IN list),
//   col IS NULL OR <understood rules on col> (NULL passes a CHECK anyway).
// Casts around columns and constants are looked through. A domain's VALUE is the column "value".
// Anything else (regular expressions, function calls, arithmetic, OR across columns) is reported as not
// understood; the loader then filters generated rows with the original expression instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dbarch/status.h"

namespace dbarch::verify::datagen {

enum class CompareOp { kLt, kLe, kGt, kGe, kEq, kNe };

CompareOp FlipCompare(CompareOp op);  // a < b  ⇔  b > a
const char* CompareOpSql(CompareOp op);

// A constant as written: its text without quotes and the type it was cast to ("" when none), so
// '2025-01-01'::date is {"2025-01-01", "date"} and 10 is {"10", "", is_number}.
struct Literal {
  std::string text;
  std::string cast_type;
  bool is_number = false;
  bool is_string = false;
  friend bool operator==(const Literal&, const Literal&) = default;
};

// One rule about the non-NULL values of one column (a CHECK passes when its expression is NULL).
struct ColumnRule {
  enum class Kind { kCompare, kIn, kNotIn, kLength, kNotNull };
  Kind kind = Kind::kCompare;
  std::string column;
  CompareOp op = CompareOp::kEq;  // kCompare, kLength
  Literal value;                  // kCompare
  std::vector<Literal> values;    // kIn, kNotIn
  long long length = 0;           // kLength: length(column) <op> length
};

// left <op> right between two columns of the same row.
struct ColumnPair {
  std::string left;
  CompareOp op = CompareOp::kLt;
  std::string right;
};

// At least `min` and at most `max` of these columns are not NULL (num_nonnulls / num_nulls checks).
struct NonNullCount {
  std::vector<std::string> columns;
  int min = 0;
  int max = 0;
};

struct CheckInterpretation {
  std::vector<ColumnRule> rules;
  std::vector<ColumnPair> pairs;
  std::vector<NonNullCount> non_null_counts;
  // The parts that were not understood, as SQL; empty when the whole expression was.
  std::vector<std::string> not_understood;
  // Every column the expression mentions (understood or not).
  std::vector<std::string> columns;
  bool fully_understood() const { return not_understood.empty(); }
};

// Interprets one CHECK expression (deparsed SQL, as model::Constraint::check_expr or Domain::checks hold).
// Fails only when the text does not parse.
Result<CheckInterpretation> InterpretCheck(const std::string& expression);

// A domain's CHECK expression written for a column: every reference to VALUE becomes `column`.
Result<std::string> DomainCheckForColumn(const std::string& expression, const std::string& column);

}  // namespace dbarch::verify::datagen
