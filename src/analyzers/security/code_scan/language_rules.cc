// Per language: the string operators and the calls that run SQL. Method names are matched exactly; a
// receiver hint narrows a common name (`update`, `query`) to the library it belongs to (JdbcTemplate).
#include <algorithm>
#include <cctype>

#include "analyzers/security/code_scan/scan_internal.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

const std::vector<QueryMethod>& MethodsOf(Language language) {
  static const std::vector<QueryMethod> kPython = {
      {"execute", true, 0, "", ""},       {"executemany", true, 0, "", ""}, {"executescript", true, 0, "", ""},
      {"mogrify", true, 0, "", ""},       {"raw", true, 0, "", ""},         {"text", false, 0, "", ""},
      {"exec_driver_sql", true, 0, "", ""}, {"read_sql", true, 0, "", ""},  {"read_sql_query", true, 0, "", ""},
      {"fetch", true, 0, "", ""},         {"fetchrow", true, 0, "", ""},    {"fetchval", true, 0, "", ""},
  };
  static const std::vector<QueryMethod> kJavaScript = {
      {"query", true, 0, "", ""},         {"query", false, 0, "", ""},      {"execute", true, 0, "", ""},
      {"raw", true, 0, "", ""},           {"$queryRawUnsafe", true, 0, "", ""},
      {"$executeRawUnsafe", true, 0, "", ""}, {"whereRaw", true, 0, "where", ""},
      {"orderByRaw", true, 0, "order", ""},  {"unsafe", true, 0, "", ""},
  };
  static const std::vector<QueryMethod> kGo = {
      {"Query", true, 0, "", ""},         {"QueryRow", true, 0, "", ""},     {"Exec", true, 0, "", ""},
      {"QueryContext", true, 1, "", ""},  {"QueryRowContext", true, 1, "", ""}, {"ExecContext", true, 1, "", ""},
      {"Raw", true, 0, "", ""},           {"Select", true, 1, "", ""},       {"Get", true, 1, "", ""},
      {"Queryx", true, 0, "", ""},        {"MustExec", true, 0, "", ""},     {"Prepare", true, 0, "", ""},
  };
  static const std::vector<QueryMethod> kJava = {
      {"executeQuery", true, 0, "", ""},  {"executeUpdate", true, 0, "", ""},  {"execute", true, 0, "", ""},
      {"addBatch", true, 0, "", ""},      {"executeLargeUpdate", true, 0, "", ""},
      {"prepareStatement", true, 0, "", ""}, {"prepareCall", true, 0, "", ""},
      {"createQuery", true, 0, "", ""},   {"createNativeQuery", true, 0, "", ""},
      {"queryForObject", true, 0, "", ""}, {"queryForList", true, 0, "", ""}, {"queryForMap", true, 0, "", ""},
      {"queryForRowSet", true, 0, "", ""}, {"query", true, 0, "", "jdbc"},   {"update", true, 0, "", "jdbc"},
      {"batchUpdate", true, 0, "", "jdbc"}, {"query", true, 0, "", "template"}, {"update", true, 0, "", "template"},
  };
  static const std::vector<QueryMethod> kRuby = {
      {"execute", true, 0, "", ""},       {"execute", false, 0, "", ""},     {"exec", true, 0, "", ""},
      {"async_exec", true, 0, "", ""},    {"query", true, 0, "", ""},        {"exec_query", true, 0, "", ""},
      {"select_all", true, 0, "", ""},    {"select_rows", true, 0, "", ""},  {"select_value", true, 0, "", ""},
      {"select_values", true, 0, "", ""}, {"find_by_sql", true, 0, "", ""},  {"find_by_sql", false, 0, "", ""},
      {"where", true, 0, "where", ""},    {"where", false, 0, "where", ""},  {"having", true, 0, "where", ""},
      {"order", true, 0, "order", ""},    {"joins", true, 0, "from", ""},    {"from", true, 0, "from", ""},
      {"select", true, 0, "select", ""},  {"pluck", true, 0, "select", ""},
  };
  static const std::vector<QueryMethod> kPhp = {
      {"query", true, 0, "", ""},         {"exec", true, 0, "", ""},         {"prepare", true, 0, "", ""},
      {"mysqli_query", false, 1, "", ""}, {"mysqli_real_query", false, 1, "", ""}, {"mysqli_prepare", false, 1, "", ""},
      {"pg_query", false, 1, "", ""},     {"pg_send_query", false, 1, "", ""}, {"pg_prepare", false, 2, "", ""},
      {"select", true, 0, "", "db"},      {"insert", true, 0, "", "db"},     {"update", true, 0, "", "db"},
      {"delete", true, 0, "", "db"},      {"statement", true, 0, "", "db"},  {"unprepared", true, 0, "", "db"},
      {"raw", true, 0, "raw", ""},        {"whereRaw", true, 0, "where", ""}, {"orWhereRaw", true, 0, "where", ""},
      {"havingRaw", true, 0, "where", ""}, {"orderByRaw", true, 0, "order", ""}, {"selectRaw", true, 0, "select", ""},
      {"fromRaw", true, 0, "from", ""},   {"groupByRaw", true, 0, "order", ""},
  };
  switch (language) {
    case Language::kPython: return kPython;
    case Language::kJavaScript: return kJavaScript;
    case Language::kGo: return kGo;
    case Language::kJava: return kJava;
    case Language::kRuby: return kRuby;
    case Language::kPhp: return kPhp;
  }
  return kPython;
}

}  // namespace

const LanguageRules& RulesFor(Language language) {
  static const LanguageRules kRules[] = {
      {Language::kPython, "python", "+", "+=", true},   {Language::kJavaScript, "javascript", "+", "+=", true},
      {Language::kGo, "go", "+", "+=", true},           {Language::kJava, "java", "+", "+=", false},
      {Language::kRuby, "ruby", "+", "+=", true},       {Language::kPhp, "php", ".", ".=", false},
  };
  for (const auto& rules : kRules) {
    if (rules.language == language) return rules;
  }
  return kRules[0];
}

const QueryMethod* FindQueryMethod(Language language, std::string_view name, std::string_view receiver) {
  const std::string lower_receiver = Lower(receiver);
  for (const auto& method : MethodsOf(language)) {
    if (method.name != name || method.needs_receiver != !receiver.empty()) continue;
    if (!method.receiver_hint.empty() && lower_receiver.find(method.receiver_hint) == std::string::npos) continue;
    return &method;
  }
  return nullptr;
}

}  // namespace dbarch::analyzers::security::code_scan
