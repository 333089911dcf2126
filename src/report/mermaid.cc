// The ER model as a Mermaid erDiagram (rendered by GitHub, GitLab and most Markdown viewers).
//
// Mermaid accepts only identifier-like entity, attribute and type names, so names are spelled by one
// convention, documented in docs/report-json.md:
//   * entities: the table name, prefixed with "schema_" outside public; other characters become '_';
//   * types: PostgreSQL's short names (varchar, timestamptz, float8 …), modifiers appended with '_'
//     (character varying(255) → varchar_255, numeric(10,2) → numeric_10_2), arrays suffixed "_array";
//   * keys: PK, FK, UK; relationship labels are the foreign key names.
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/report.h"

namespace dbarch::report {

namespace {

std::string Sanitize(std::string_view text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  return out;
}

std::string Identifier(std::string_view text) {
  std::string out = Sanitize(text);
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(' ');
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(' ');
  return std::string(s.substr(b, e - b + 1));
}

std::string MermaidType(std::string_view sql_type) {
  std::string type(sql_type);
  bool array = false;
  while (type.size() >= 2 && type.ends_with("[]")) {
    type.resize(type.size() - 2);
    array = true;
  }
  std::string modifiers;
  if (size_t open = type.find('('); open != std::string::npos) {
    size_t close = type.find(')', open);
    if (close != std::string::npos) {
      for (char c : type.substr(open + 1, close - open - 1)) {
        if (c == ',') {
          modifiers += '_';
        } else if (c != ' ') {
          modifiers += c;
        }
      }
      type = type.substr(0, open) + type.substr(close + 1);
    }
  }
  std::string collapsed;
  for (char c : Trim(type)) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += c;
  }
  static const std::map<std::string, std::string, std::less<>> kShortNames = {
      {"character varying", "varchar"},       {"character", "char"},
      {"timestamp with time zone", "timestamptz"}, {"timestamp without time zone", "timestamp"},
      {"time with time zone", "timetz"},      {"time without time zone", "time"},
      {"double precision", "float8"},         {"bit varying", "varbit"}};
  if (auto it = kShortNames.find(collapsed); it != kShortNames.end()) collapsed = it->second;
  if (collapsed.starts_with("public.")) collapsed = collapsed.substr(7);
  std::string out = Identifier(collapsed.empty() ? "unknown" : collapsed);
  if (!modifiers.empty()) out += "_" + Sanitize(modifiers);
  if (array) out += "_array";
  return out;
}

// Entity ids, unique even when two tables sanitize to the same spelling.
std::map<model::QualifiedName, std::string> EntityIds(const analyzers::ErModel& er) {
  std::map<model::QualifiedName, std::string> ids;
  std::set<std::string> taken;
  auto assign = [&](const model::QualifiedName& table) {
    if (ids.count(table)) return;
    std::string base = Identifier(table.schema == "public" ? table.name : table.schema + "_" + table.name);
    std::string id = base;
    for (int n = 2; taken.count(id); ++n) id = fmt::format("{}_{}", base, n);
    taken.insert(id);
    ids[table] = id;
  };
  for (const auto& e : er.entities) assign(e.table);
  for (const auto& r : er.relationships) {
    assign(r.parent);
    assign(r.child);
  }
  return ids;
}

std::string_view ParentMarker(analyzers::ParentSide side) {
  return side == analyzers::ParentSide::kZeroOrOne ? "|o" : "||";
}

std::string_view ChildMarker(analyzers::ChildSide side) {
  switch (side) {
    case analyzers::ChildSide::kZeroOrMany: return "o{";
    case analyzers::ChildSide::kZeroOrOne: return "o|";
    case analyzers::ChildSide::kOneOrMany: return "|{";
  }
  return "o{";
}

std::string Label(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '"' ? '\'' : c;
  return "\"" + out + "\"";
}

}  // namespace

std::string RenderMermaid(const analyzers::ErModel& er) {
  auto ids = EntityIds(er);
  std::string out = "erDiagram\n";
  for (const auto& e : er.entities) {
    if (e.junction) out += fmt::format("    %% {}: junction table (many-to-many)\n", ids[e.table]);
    if (e.attributes.empty()) {
      out += fmt::format("    {}\n", ids[e.table]);
      continue;
    }
    out += fmt::format("    {} {{\n", ids[e.table]);
    for (const auto& a : e.attributes) {
      std::vector<std::string> keys;
      if (a.primary_key) keys.push_back("PK");
      if (a.foreign_key) keys.push_back("FK");
      if (a.unique && !a.primary_key) keys.push_back("UK");
      std::string key_text;
      for (size_t i = 0; i < keys.size(); ++i) key_text += (i ? ", " : " ") + keys[i];
      out += fmt::format("        {} {}{}\n", MermaidType(a.type), Identifier(a.name), key_text);
    }
    out += "    }\n";
  }
  for (const auto& r : er.relationships) {
    out += fmt::format("    {} {}--{} {} : {}\n", ids[r.parent], ParentMarker(r.parent_side), ChildMarker(r.child_side),
                       ids[r.child], Label(r.constraint_name.empty() ? "references" : r.constraint_name));
  }
  return out;
}

}  // namespace dbarch::report
