// Internals of sql/canonical_expression.h, shared by the files of src/sql/canonical/: literal rules
// (literals.cc), expression rules (normalizer.cc) and query rules (query.cc).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pg_query.pb.h"
#include "sql/canonical_expression.h"

namespace dbarch::sql::canonical {

// literals.cc
std::string CanonicalTimestamp(const std::string& text);                // rule 4
std::optional<std::string> CanonicalInterval(const std::string& text);  // rule 15
bool IsIntervalTypeName(const pg_query::TypeName& type);
bool IsNumericTypeName(const pg_query::TypeName& type);
void NumberFromString(pg_query::Node* constant);  // rule 3

// normalizer.cc
pg_query::Node StringNode(const std::string& value);
// Keeps only the last element of a qualified name list (schema.name → name).
void StripQualifier(google::protobuf::RepeatedPtrField<pg_query::Node>* names);

using Columns = std::optional<std::vector<std::string>>;  // nullopt: not known

// A FROM item as `*` sees it: the name it is referred to by and its columns.
struct FromItem {
  std::string name;
  Columns columns;
};

// Applies the rules of canonical_expression.h to a parse tree, in place.
class Normalizer {
 public:
  explicit Normalizer(const RelationColumnsLookup* columns_of) : columns_of_(columns_of) {}

  // Rules 1-11 and 15 on an expression (and rule 12 in its sub-selects). normalizer.cc
  void Expr(pg_query::Node* node);
  // Rule 12 on a SELECT (and its set-operation arms); returns its output column names. query.cc
  std::vector<std::string> Select(pg_query::SelectStmt* select, bool names_visible,
                                  const std::vector<std::string>* output_columns);

 private:
  void Rewrite(pg_query::Node* node);
  void RewriteAExpr(pg_query::Node* node);
  void RecurseMessage(google::protobuf::Message* message);
  void FlattenBool(pg_query::Node* node);
  void NormalizeFuncCall(pg_query::FuncCall* call);

  void WithClause(pg_query::WithClause* with);
  // FROM item processing: normalises it and returns its `*` columns; named items are collected in *named.
  Columns FromItemColumns(pg_query::Node* item, std::vector<FromItem>* named);
  Columns RelationColumns(const pg_query::RangeVar& rv) const;
  void ReplaceOutputReference(pg_query::Node* item, const std::vector<std::string>& names,
                              const pg_query::SelectStmt& select, const std::vector<FromItem>& named,
                              bool group_by);

  const RelationColumnsLookup* columns_of_;
  std::vector<std::map<std::string, Columns>> ctes_;  // CTE scopes, innermost last: inside a query when not empty
};

}  // namespace dbarch::sql::canonical
