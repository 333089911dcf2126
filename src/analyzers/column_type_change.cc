#include "analyzers/column_type_change.h"

#include "sql/ast.h"

namespace dbarch::analyzers {

bool UsingComputesNewValues(const pg_query::ColumnDef& def, const std::string& column) {
  if (!def.has_raw_default()) return false;
  const pg_query::Node* expr = &def.raw_default();
  // `col::new_type`: a cast to the column's new type, which PostgreSQL relabels when the change is
  // binary-coercible (the caller checks that); a cast to any other type computes new values.
  if (expr->has_type_cast()) {
    if (!expr->type_cast().has_type_name() || sql::TypeOf(expr->type_cast().type_name()) != sql::TypeOf(def.type_name()))
      return true;
    expr = &expr->type_cast().arg();
  }
  if (!expr->has_column_ref()) return true;
  const auto& ref = expr->column_ref();
  return ref.fields_size() != 1 || sql::ColumnRefName(ref) != column;
}

}  // namespace dbarch::analyzers
