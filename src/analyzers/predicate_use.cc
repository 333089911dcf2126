#include "analyzers/predicate_use.h"

#include <set>

#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers {

std::string BareConstant(const std::string& constant) {
  auto parsed = sql::ParseOne("SELECT " + constant);
  if (!parsed.ok() || !parsed->has_select_stmt() || parsed->select_stmt().target_list_size() != 1) return constant;
  const pg_query::Node* value = &parsed->select_stmt().target_list(0).res_target().val();
  if (value->has_type_cast()) value = &value->type_cast().arg();
  std::string out = sql::ConstantSql(*value);
  return out.empty() ? constant : out;
}

bool LikePrefixConstant(const model::Predicate& p) {
  if (p.operand != model::Predicate::Operand::kConstant) return false;
  std::string c = BareConstant(p.constant);
  return c.size() >= 3 && c.front() == '\'' && c[1] != '%' && c[1] != '_';
}

bool NeedsTrigram(const model::Predicate& p) {
  if (p.negated) return false;
  static const std::set<std::string> kPattern = {"LIKE", "ILIKE", "~~", "~~*", "~", "~*"};
  if (!kPattern.count(p.op)) return false;
  if (p.op == "ILIKE" || p.op == "~~*" || p.op == "~" || p.op == "~*") return true;
  return !LikePrefixConstant(p);
}

BtreeUse ClassifyForBtree(const model::Predicate& p) {
  if (p.negated) return BtreeUse::kNone;
  static const std::set<std::string> kEquality = {"=", "IN", "= ANY", "IS NULL"};
  static const std::set<std::string> kRange = {"<", "<=", ">", ">=", "BETWEEN", "IS NOT NULL"};
  if (kEquality.count(p.op)) return BtreeUse::kEquality;
  if (kRange.count(p.op)) return BtreeUse::kRange;
  if ((p.op == "LIKE" || p.op == "~~") && LikePrefixConstant(p)) return BtreeUse::kRange;
  return BtreeUse::kNone;
}

}  // namespace dbarch::analyzers
