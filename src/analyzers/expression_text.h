// Expression text as an index key compares it: parsed and deparsed by libpg_query with table qualifiers
// removed, so "lower(c.email)" in a query and "lower(email)" in CREATE INDEX are the same text.
#pragma once

#include <map>
#include <string>

namespace dbarch::analyzers {

// The expression deparsed without qualifiers; the input trimmed when it does not parse as an expression.
std::string UnqualifiedExpression(const std::string& expression);

// The same with a cache, for loops that compare many expressions.
class ExpressionNormalizer {
 public:
  const std::string& Normalize(const std::string& expression);

 private:
  std::map<std::string, std::string> cache_;
};

}  // namespace dbarch::analyzers
