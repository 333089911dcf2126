#include "analyzers/normalize/design_sql.h"

#include <set>

#include <fmt/format.h>

namespace dbarch::analyzers::normalize {
namespace {

bool NeedsQuotes(const std::string& name) {
  static const std::set<std::string> kReserved = {"all", "and", "any", "array", "as", "asc", "both", "case", "cast",
      "check", "collate", "column", "constraint", "create", "current_date", "current_time", "current_user", "default",
      "desc", "distinct", "do", "else", "end", "except", "false", "for", "foreign", "from", "grant", "group",
      "having", "in", "into", "leading", "limit", "not", "null", "offset", "on", "only", "or", "order", "primary",
      "references", "select", "table", "then", "to", "true", "union", "unique", "user", "using", "when", "where",
      "with", "window", "user", "year", "month", "day", "time", "timestamp", "date", "name", "type", "key", "value"};
  if (name.empty() || kReserved.count(name)) return true;
  if (!(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) return true;
  for (unsigned char c : name)
    if (!(std::islower(c) || std::isdigit(c) || c == '_')) return true;
  return false;
}

std::string Cols(const TableData& table, const std::vector<int>& columns, const std::string& prefix = "") {
  std::string out;
  for (int c : columns) out += (out.empty() ? "" : ", ") + prefix + QuoteIdent(SqlName(table.columns[c]));
  return out;
}

std::string Literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string QuoteIdent(const std::string& name) {
  if (!NeedsQuotes(name)) return name;
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

DesignSql BuildDesignSql(const TableData& table, const std::vector<ColumnProfile>& profile,
                         const Decomposition& d, bool has_header) {
  DesignSql out;
  const std::string source = "staging." + QuoteIdent(SqlName(table.name));
  out.staging_table = source;
  // Typed value of column c read from the staging table.
  auto typed = [&](int c, const std::string& alias) {
    std::string col = alias + QuoteIdent(SqlName(table.columns[c]));
    std::string value = fmt::format("NULLIF({}, {})", col, Literal(table.null_string));
    return profile[c].type == "text" ? value : value + "::" + profile[c].type;
  };
  std::string staging_cols;
  for (int c = 0; c < table.num_columns(); ++c)
    staging_cols += fmt::format("{}  {} text", c ? ",\n" : "", QuoteIdent(SqlName(table.columns[c])));
  out.staging_ddl = fmt::format("CREATE SCHEMA IF NOT EXISTS staging;\nCREATE TABLE {} (\n{}\n);\n", source, staging_cols);
  out.load_hint = fmt::format("\\copy {} FROM '{}' WITH (FORMAT csv{})", source, table.source,
                              has_header ? ", HEADER true" : "");

  auto create = [&](const DesignedTable& t, bool with_fks) {
    std::string body;
    for (int c : t.columns)
      body += fmt::format("{}  {} {}{}", body.empty() ? "" : ",\n", QuoteIdent(SqlName(table.columns[c])),
                          profile[c].type, profile[c].nulls == 0 && table.num_rows() > 0 ? " NOT NULL" : "");
    if (!t.primary_key.Empty()) body += fmt::format(",\n  PRIMARY KEY ({})", Cols(table, t.primary_key.Members()));
    if (with_fks)
      for (const auto& fk : t.foreign_keys)
        body += fmt::format(",\n  FOREIGN KEY ({}) REFERENCES {} ({})", Cols(table, fk.columns),
                            QuoteIdent(d.tables[fk.referenced].name), Cols(table, fk.columns));
    return fmt::format("CREATE TABLE {} (\n{}\n);\n", QuoteIdent(t.name), body);
  };
  for (const auto& t : d.tables) out.ddl += create(t, true) + "\n";
  if (!out.ddl.empty()) out.ddl.pop_back();

  std::string m = "BEGIN;\n\n";
  for (const auto& t : d.tables) m += create(t, false) + "\n";
  for (const auto& t : d.tables) {
    std::string select;
    for (int c : t.columns) select += (select.empty() ? "" : ", ") + typed(c, "");
    m += fmt::format("INSERT INTO {} ({})\nSELECT DISTINCT {}\nFROM {};\n\n", QuoteIdent(t.name), Cols(table, t.columns),
                     select, source);
  }
  for (const auto& t : d.tables)
    for (const auto& fk : t.foreign_keys)
      m += fmt::format("ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} ({});\n", QuoteIdent(t.name),
                       Cols(table, fk.columns), QuoteIdent(d.tables[fk.referenced].name), Cols(table, fk.columns));
  m += "\nCOMMIT;\n";
  out.migration = m;

  // The join of the new tables, each column taken from the first table holding it; tables joined on all
  // the columns they share with what is joined so far (NULL-safe, as DISTINCT treats NULLs).
  std::vector<int> owner(table.num_columns(), -1);
  std::string from;
  std::vector<bool> joined(d.tables.size(), false);
  AttributeSet have;
  // Start from the table holding the original key (the one whose name is the table's), else the last one.
  int start = static_cast<int>(d.tables.size()) - 1;
  for (size_t i = 0; i < d.tables.size(); ++i)
    if (d.tables[i].name == SqlName(table.name)) start = static_cast<int>(i);
  for (size_t step = 0; step < d.tables.size(); ++step) {
    int pick = -1;
    if (step == 0) pick = start;
    else
      for (size_t i = 0; i < d.tables.size() && pick < 0; ++i)
        if (!joined[i] && d.tables[i].attributes.Intersects(have)) pick = static_cast<int>(i);
    if (pick < 0)
      for (size_t i = 0; i < d.tables.size() && pick < 0; ++i)
        if (!joined[i]) pick = static_cast<int>(i);
    joined[pick] = true;
    const DesignedTable& t = d.tables[pick];
    std::string alias = fmt::format("t{}", pick);
    if (step == 0) {
      from = fmt::format("{} {}", QuoteIdent(t.name), alias);
    } else {
      std::string on;
      for (int c : (t.attributes & have).Members())
        on += fmt::format("{}{}.{} IS NOT DISTINCT FROM t{}.{}", on.empty() ? "" : " AND ", alias,
                          QuoteIdent(SqlName(table.columns[c])), owner[c], QuoteIdent(SqlName(table.columns[c])));
      from += fmt::format("\n  JOIN {} {} ON {}", QuoteIdent(t.name), alias, on.empty() ? "true" : on);
    }
    for (int c : t.attributes.Members())
      if (owner[c] < 0) owner[c] = pick;
    have |= t.attributes;
  }
  std::string joined_cols, original_cols;
  for (int c = 0; c < table.num_columns(); ++c) {
    joined_cols += fmt::format("{}t{}.{}", c ? ", " : "", owner[c], QuoteIdent(SqlName(table.columns[c])));
    original_cols += (c ? ", " : "") + typed(c, "");
  }
  std::string original = fmt::format("SELECT {} FROM {}", original_cols, source);
  std::string join = fmt::format("SELECT {}\nFROM {}", joined_cols, from);
  out.missing_rows_query = fmt::format("SELECT count(*) FROM ({}\nEXCEPT\n{}) AS missing", original, join);
  out.extra_rows_query = fmt::format("SELECT count(*) FROM ({}\nEXCEPT\n{}) AS extra", join, original);
  return out;
}

}  // namespace dbarch::analyzers::normalize
