// A schema-qualified object name, the key of most catalog maps.
#pragma once

#include <compare>
#include <string>

namespace dbarch::model {

struct QualifiedName {
  std::string schema = "public";
  std::string name;

  // "schema.name", quoting either part when it needs quotes.
  std::string ToSql() const;
  // "schema.name" without quoting, used as a stable key in JSON and findings.
  std::string ToString() const { return schema + "." + name; }
  auto operator<=>(const QualifiedName&) const = default;
};

}  // namespace dbarch::model
